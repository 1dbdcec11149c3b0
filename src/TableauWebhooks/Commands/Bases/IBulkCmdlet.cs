namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A cmdlet that sends piped records concurrently (BulkDispatcher). PowerShell binds parameters only to properties of
    /// the cmdlet class, so each base that takes the bulk piece declares -ThrottleLimit itself ([Parameter],
    /// [ValidateRange(1, MaximumThrottleLimit)], default 1) and its dispatcher; TableauConnectedCmdlet does the rest.
    /// </summary>
    internal interface IBulkCmdlet
    {
        BulkDispatcher Bulk { get; }
    }
}
