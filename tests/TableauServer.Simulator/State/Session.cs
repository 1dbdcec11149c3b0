using System;

namespace TableauServer.Simulator.State;

/// <summary>A signed-in session: which user, on which site, and (for PAT sign-ins) which token opened it.</summary>
internal sealed class Session
{
    public Session(string token, SimulatedUser user, SimulatedSite site, string? accessTokenName, DateTimeOffset now)
    {
        Token = token;
        User = user;
        Site = site;
        AccessTokenName = accessTokenName;
        LastUsed = now;
    }

    public string Token { get; }
    public SimulatedUser User { get; }
    public SimulatedSite Site { get; }
    public string? AccessTokenName { get; }
    public DateTimeOffset LastUsed { get; set; }
}
