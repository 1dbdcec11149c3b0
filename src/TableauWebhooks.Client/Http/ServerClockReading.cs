using System;
using System.Diagnostics;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// The server's own time as its last answer's Date header gave it, with the local moment the answer came: enough to
    /// tell what the server's clock said when an earlier request was sent, to within the header's one-second resolution.
    /// </summary>
    internal sealed class ServerClockReading
    {
        public ServerClockReading(DateTimeOffset serverDate, long localTimestamp)
        {
            ServerDate = serverDate;
            LocalTimestamp = localTimestamp;
        }

        public DateTimeOffset ServerDate { get; }
        /// <summary>Stopwatch.GetTimestamp() when the answer arrived.</summary>
        public long LocalTimestamp { get; }

        /// <summary>The server's time at the local moment <paramref name="localTimestamp"/> (a Stopwatch timestamp).</summary>
        public DateTimeOffset ServerTimeAt(long localTimestamp)
            => ServerDate - TimeSpan.FromSeconds((double)(LocalTimestamp - localTimestamp) / Stopwatch.Frequency);
    }
}
