using System.Threading;

namespace TableauServer.Simulator;

/// <summary>
/// How many /api requests are being served at once, and the most there ever were: lets tests prove a client really
/// sends in parallel, and never more than it was told to, without timing anything. A request counts from its arrival
/// until its answer starts or its connection is dropped, so it has left before the client can see the outcome and send
/// the next one.
/// </summary>
public sealed class ConcurrencyGauge
{
    private int current;
    private int peak;

    public int Current => Volatile.Read(ref current);
    public int Peak => Volatile.Read(ref peak);

    internal void Enter()
    {
        var now = Interlocked.Increment(ref current);
        int seen;
        while (now > (seen = Volatile.Read(ref peak)) && Interlocked.CompareExchange(ref peak, now, seen) != seen)
        {
        }
    }

    internal void Leave() => Interlocked.Decrement(ref current);

    /// <summary>Starts a new measurement (the peak becomes what is in flight now).</summary>
    public void ResetPeak() => Interlocked.Exchange(ref peak, Current);
}
