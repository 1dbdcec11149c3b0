namespace TableauServer.Simulator;

/// <summary>The one connected app (direct trust) whose JWTs the simulator accepts.</summary>
public sealed class ConnectedAppOptions
{
    public string ClientId { get; set; } = "simulator-connected-app";
    public string SecretId { get; set; } = "simulator-secret-id";
    public string SecretValue { get; set; } = "simulator-secret-value-0123456789abcdef";
}
