using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;

namespace TableauServer.Simulator.State;

/// <summary>Auth tokens → sessions. The lifetime is an idle timeout, like Tableau's wgserver.session.idle_limit.</summary>
internal sealed class SessionStore
{
    private const string TokenAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private readonly object gate = new();
    private readonly Dictionary<string, Session> sessions = new(StringComparer.Ordinal);
    private readonly AppendOnlyLog<string> issued = new();
    private readonly TimeSpan idleLimit;

    public SessionStore(TimeSpan idleLimit) => this.idleLimit = idleLimit;

    public int Count
    {
        get
        {
            lock (gate)
            {
                return sessions.Count;
            }
        }
    }

    public Session Create(SimulatedUser user, SimulatedSite site, string? accessTokenName)
    {
        var token = RandomNumberGenerator.GetString(TokenAlphabet, 32);
        var session = new Session(token, user, site, accessTokenName, DateTimeOffset.UtcNow);
        issued.Add(token);
        lock (gate)
        {
            // A personal access token holds one session at a time: signing in again ends the earlier one.
            if (accessTokenName is not null)
            {
                foreach (var old in sessions.Values.Where(s => s.AccessTokenName == accessTokenName).ToList())
                {
                    sessions.Remove(old.Token);
                }
            }

            sessions[token] = session;
        }

        return session;
    }

    /// <summary>Finds a live session and marks it used; an idle-expired session is removed.</summary>
    public Session? Use(string token)
    {
        var now = DateTimeOffset.UtcNow;
        lock (gate)
        {
            if (!sessions.TryGetValue(token, out var session))
            {
                return null;
            }

            if (now - session.LastUsed > idleLimit)
            {
                sessions.Remove(token);
                return null;
            }

            session.LastUsed = now;
            return session;
        }
    }

    public void End(string token)
    {
        lock (gate)
        {
            sessions.Remove(token);
        }
    }

    /// <summary>Every token ever issued; survives <see cref="Clear"/> so tests can search any output for leaks.</summary>
    public IReadOnlyList<string> Issued => issued.Snapshot();

    /// <summary>Ends the session a personal access token holds (as if it signed in elsewhere); false if it had none.</summary>
    public bool EndForAccessToken(string accessTokenName)
    {
        lock (gate)
        {
            var held = sessions.Values.Where(s => s.AccessTokenName == accessTokenName).Select(s => s.Token).ToList();
            held.ForEach(token => sessions.Remove(token));
            return held.Count > 0;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            sessions.Clear();
        }
    }
}
