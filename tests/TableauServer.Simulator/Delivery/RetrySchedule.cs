using System;

namespace TableauServer.Simulator.Delivery;

/// <summary>
/// How long an event delivery waits before each retry. Tableau retries "three times with diminishing frequency" but
/// does not publish the intervals, so this is the simulator's choice: retry n waits base × 2^(n−1)
/// (100, 200, 400 ms with the default <see cref="SimulatorOptions.DeliveryRetryDelay"/>).
/// </summary>
internal static class RetrySchedule
{
    /// <summary>The longest single wait, so a large <see cref="SimulatorOptions.DeliveryRetries"/> cannot overflow.</summary>
    public static readonly TimeSpan MaximumDelay = TimeSpan.FromMilliseconds(int.MaxValue);

    /// <param name="retry">1 for the first retry (the second attempt), 2 for the next, …</param>
    public static TimeSpan DelayBefore(int retry, TimeSpan baseDelay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(retry, 1);
        if (baseDelay <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var factor = Math.Pow(2, retry - 1);
        return baseDelay.Ticks * factor >= MaximumDelay.Ticks ? MaximumDelay : TimeSpan.FromTicks((long)(baseDelay.Ticks * factor));
    }
}
