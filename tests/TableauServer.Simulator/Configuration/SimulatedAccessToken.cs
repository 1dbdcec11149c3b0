namespace TableauServer.Simulator;

/// <summary>A personal access token (name + secret) that signs in as <see cref="UserName"/>.</summary>
public sealed class SimulatedAccessToken
{
    public string Name { get; set; } = "";
    public string Secret { get; set; } = "";
    public string UserName { get; set; } = "";
}
