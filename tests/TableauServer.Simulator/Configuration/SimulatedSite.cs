using System;

namespace TableauServer.Simulator;

/// <summary>A site the simulated server hosts. The default site has ContentUrl "".</summary>
public sealed class SimulatedSite
{
    public string Id { get; set; } = Guid.NewGuid().ToString();
    public string Name { get; set; } = "";
    public string ContentUrl { get; set; } = "";
}
