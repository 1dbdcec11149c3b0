namespace TableauWebhooks.Commands
{
    /// <summary>The bounds of -ThrottleLimit, one for every cmdlet that sends in bulk.</summary>
    internal static class BulkLimits
    {
        /// <summary>The connection pool allows 64 connections per server (HttpStack), so more would only queue.</summary>
        public const int MaximumThrottleLimit = 64;
    }
}
