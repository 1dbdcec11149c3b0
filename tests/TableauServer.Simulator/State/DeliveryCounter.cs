using System;
using System.Collections.Concurrent;

namespace TableauServer.Simulator.State;

/// <summary>How many deliveries each receiver path has had, so a flaky destination can fail the first n and then recover.</summary>
internal sealed class DeliveryCounter
{
    private readonly ConcurrentDictionary<string, int> counts = new(StringComparer.Ordinal);

    /// <summary>Counts one more delivery to <paramref name="path"/> and returns its number, from 1.</summary>
    public int Next(string path) => counts.AddOrUpdate(path, 1, (_, count) => count + 1);

    public void Clear() => counts.Clear();
}
