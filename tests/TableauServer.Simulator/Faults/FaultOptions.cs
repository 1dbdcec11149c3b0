using System;
using System.Collections.Generic;
using System.Linq;

namespace TableauServer.Simulator;

/// <summary>
/// How the REST API misbehaves. Part of <see cref="SimulatorOptions"/> (bindable: <c>--Simulator:Faults:FaultRate=0.1</c>)
/// and replaceable at run time with <see cref="SimulatorHost.SetFaults"/> or <c>PUT /_simulator/faults</c>.
/// </summary>
public sealed class FaultOptions
{
    /// <summary>Added to every /api request (zero = none).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>How long a random Latency fault delays its request (zero: <see cref="Latency"/> if set, else 1 s).</summary>
    public TimeSpan LatencyFaultDelay { get; set; }

    /// <summary>Fraction [0, 1] of /api requests that get a random fault drawn from <see cref="Kinds"/>.</summary>
    public double FaultRate { get; set; }

    /// <summary>What random faults are drawn from. Default: all except Latency and ExpireToken.</summary>
    public List<FaultKind> Kinds { get; set; } = DefaultKinds();

    /// <summary>Retry-After of Throttle and ServiceUnavailable, in seconds (0 allowed).</summary>
    public int RetryAfterSeconds { get; set; } = 1;

    /// <summary>Write Retry-After as an HTTP-date (now + RetryAfterSeconds) instead of delta-seconds.</summary>
    public bool RetryAfterAsHttpDate { get; set; }

    /// <summary>0 = never; every Nth authenticated /api request invalidates the session it uses (→ 401002).</summary>
    public int ExpireTokenEveryRequests { get; set; }

    /// <summary>Seed of the random faults; null = a different sequence every run.</summary>
    public int? Seed { get; set; }

    /// <summary>True: random faults never hit auth/signin (so a client can always get a session).</summary>
    public bool ExcludeSignIn { get; set; }

    public static List<FaultKind> DefaultKinds() =>
        Enum.GetValues<FaultKind>().Where(k => k is not FaultKind.Latency and not FaultKind.ExpireToken and not FaultKind.RedirectToLogin).ToList();

    /// <summary>A copy, so a caller changing its object later cannot race the running server.</summary>
    public FaultOptions Clone()
    {
        var copy = (FaultOptions)MemberwiseClone();
        copy.Kinds = new List<FaultKind>(Kinds ?? DefaultKinds());
        return copy;
    }

    /// <summary>Throws <see cref="ArgumentException"/> on values the server cannot honour.</summary>
    public void Validate()
    {
        if (double.IsNaN(FaultRate) || FaultRate < 0 || FaultRate > 1)
        {
            throw new ArgumentException($"FaultRate must be between 0 and 1, not {FaultRate}.", nameof(FaultRate));
        }

        if (Latency < TimeSpan.Zero)
        {
            throw new ArgumentException("Latency must not be negative.", nameof(Latency));
        }

        if (LatencyFaultDelay < TimeSpan.Zero)
        {
            throw new ArgumentException("LatencyFaultDelay must not be negative.", nameof(LatencyFaultDelay));
        }

        if (RetryAfterSeconds < 0)
        {
            throw new ArgumentException("RetryAfterSeconds must not be negative.", nameof(RetryAfterSeconds));
        }

        if (ExpireTokenEveryRequests < 0)
        {
            throw new ArgumentException("ExpireTokenEveryRequests must not be negative.", nameof(ExpireTokenEveryRequests));
        }
    }
}
