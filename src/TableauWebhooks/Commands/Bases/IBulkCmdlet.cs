namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A cmdlet that sends piped records concurrently (BulkDispatcher). PowerShell binds parameters only to properties of
    /// the cmdlet class, so each base that takes the bulk piece declares -ThrottleLimit itself, with these attributes:
    /// [Parameter] [ValidateRange(1, MaximumThrottleLimit)], default 1.
    /// </summary>
    internal interface IBulkCmdlet
    {
        int ThrottleLimit { get; }
    }

    internal static class BulkLimits
    {
        /// <summary>The connection pool allows 64 connections per server (HttpStack), so more would only queue.</summary>
        public const int MaximumThrottleLimit = 64;
    }
}
