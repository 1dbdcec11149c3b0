using System;
using System.Net.Http.Headers;

namespace TableauWebhooks.Client.Http
{
    /// <summary>Retry-After in either form (delta-seconds or HTTP-date) as a wait, as Tableau's Migration SDK reads it.</summary>
    internal static class RetryAfterHeader
    {
        /// <summary>
        /// An HTTP-date is measured against the answer's own Date header when there is one, so a skewed local clock
        /// neither shortens nor stretches the wait; only without it do we compare with our clock.
        /// </summary>
        public static TimeSpan? Delay(RetryConditionHeaderValue? value, DateTimeOffset? serverDate, DateTimeOffset now)
        {
            if (value == null) return null;
            if (value.Delta.HasValue) return value.Delta.Value < TimeSpan.Zero ? TimeSpan.Zero : value.Delta.Value;
            if (!value.Date.HasValue) return null;
            var wait = value.Date.Value - (serverDate ?? now);
            return wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
        }
    }
}
