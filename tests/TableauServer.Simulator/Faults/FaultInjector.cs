using System;
using System.Collections.Generic;
using System.Threading;

namespace TableauServer.Simulator.Faults;

/// <summary>
/// Decides, per /api request, which fault (if any) it gets. Order: an enqueued one-shot fault, then the
/// every-Nth-request token expiry, then a random draw. One lock guards the configuration, the queue, the
/// counter and the single <see cref="Random"/>, so a Seed gives the same sequence for the same requests.
/// </summary>
internal sealed class FaultInjector
{
    // Without a configured delay a Latency fault still has to be noticeable.
    private static readonly TimeSpan DefaultFaultDelay = TimeSpan.FromSeconds(1);

    private readonly object gate = new();
    private readonly FaultOptions startup;
    private readonly List<QueuedFault> queue = new();
    private FaultOptions current;
    private Random random;
    private int authenticatedRequests;
    private int injected;

    public FaultInjector(FaultOptions startup)
    {
        startup.Validate();
        this.startup = startup.Clone();
        current = this.startup.Clone();
        random = CreateRandom(current);
    }

    public int Injected => Volatile.Read(ref injected);

    public FaultOptions Current
    {
        get
        {
            lock (gate)
            {
                return current.Clone();
            }
        }
    }

    public int QueuedCount
    {
        get
        {
            lock (gate)
            {
                return queue.Count;
            }
        }
    }

    /// <summary>Replaces the configuration; queued faults stay queued. The random sequence restarts from the new Seed.</summary>
    public void Set(FaultOptions faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        var copy = faults.Clone();
        copy.Validate();
        lock (gate)
        {
            current = copy;
            random = CreateRandom(copy);
            authenticatedRequests = 0;
        }
    }

    /// <summary>No faults at all: empty configuration and queue.</summary>
    public void Clear()
    {
        lock (gate)
        {
            current = new FaultOptions();
            random = CreateRandom(current);
            queue.Clear();
            authenticatedRequests = 0;
        }
    }

    /// <summary>Back to the startup configuration, with an empty queue and a zero count.</summary>
    public void Reset()
    {
        lock (gate)
        {
            current = startup.Clone();
            random = CreateRandom(current);
            queue.Clear();
            authenticatedRequests = 0;
            injected = 0;
        }
    }

    public void Enqueue(QueuedFault fault)
    {
        lock (gate)
        {
            queue.Add(fault);
        }
    }

    public FaultDecision Decide(string method, string path, bool hasAuthToken)
    {
        lock (gate)
        {
            if (hasAuthToken)
            {
                authenticatedRequests++;
            }

            var (kind, extraDelay) = Choose(method, path, hasAuthToken);
            if (kind is not null)
            {
                injected++;
            }

            return new FaultDecision(current.Latency + extraDelay, kind, current.RetryAfterSeconds, current.RetryAfterAsHttpDate);
        }
    }

    private (FaultKind? Kind, TimeSpan ExtraDelay) Choose(string method, string path, bool hasAuthToken)
    {
        var index = queue.FindIndex(q => q.Matches(method, path));
        if (index >= 0)
        {
            var queued = queue[index];
            queue.RemoveAt(index);
            return (queued.Kind, queued.Kind == FaultKind.Latency ? queued.Delay ?? FaultDelay() : TimeSpan.Zero);
        }

        if (hasAuthToken && current.ExpireTokenEveryRequests > 0 && authenticatedRequests % current.ExpireTokenEveryRequests == 0)
        {
            return (FaultKind.ExpireToken, TimeSpan.Zero);
        }

        var kinds = current.Kinds;
        if (current.FaultRate <= 0 || kinds is null || kinds.Count == 0 || (current.ExcludeSignIn && IsSignIn(path)))
        {
            return (null, TimeSpan.Zero);
        }

        if (random.NextDouble() >= current.FaultRate)
        {
            return (null, TimeSpan.Zero);
        }

        var kind = kinds[random.Next(kinds.Count)];
        // A login page answering a sign-in ends it (a client must not post the secret to it again), so only an enqueued
        // fault gives a sign-in one; a random one would end a resilience run rather than test it. The draw is kept, so a
        // Seed gives the same sequence as before.
        if ((kind is FaultKind.HtmlPage or FaultKind.RedirectToLogin) && IsSignIn(path))
        {
            return (null, TimeSpan.Zero);
        }

        return (kind, kind == FaultKind.Latency ? FaultDelay() : TimeSpan.Zero);
    }

    private TimeSpan FaultDelay() =>
        current.LatencyFaultDelay > TimeSpan.Zero ? current.LatencyFaultDelay
        : current.Latency > TimeSpan.Zero ? current.Latency
        : DefaultFaultDelay;

    private static bool IsSignIn(string path) => path.TrimEnd('/').EndsWith("/auth/signin", StringComparison.OrdinalIgnoreCase);

    private static Random CreateRandom(FaultOptions options) => options.Seed is int seed ? new Random(seed) : new Random();
}
