using System.Collections.Generic;

namespace TableauServer.Simulator.State;

/// <summary>A thread-safe list that only grows (until cleared); readers get snapshots.</summary>
internal sealed class AppendOnlyLog<T>
{
    private readonly object gate = new();
    private readonly List<T> items = new();

    public void Add(T item)
    {
        lock (gate)
        {
            items.Add(item);
        }
    }

    public IReadOnlyList<T> Snapshot()
    {
        lock (gate)
        {
            return items.ToArray();
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            items.Clear();
        }
    }
}
