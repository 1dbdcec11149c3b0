using System;

namespace TableauServer.Simulator.Faults;

/// <summary>A one-shot fault waiting for the next /api request that matches its method and path filter.</summary>
internal sealed record QueuedFault(FaultKind Kind, string? Method, string? PathContains, TimeSpan? Delay)
{
    public bool Matches(string method, string path) =>
        (Method is null || string.Equals(Method, method, StringComparison.OrdinalIgnoreCase))
        && (PathContains is null || path.Contains(PathContains, StringComparison.OrdinalIgnoreCase));
}
