using System.Management.Automation;

namespace TableauWebhooks.Commands
{
    /// <summary>A connected cmdlet that takes the bulk piece (IBulkCmdlet): New-TableauWebhook's base.</summary>
    public abstract class TableauBulkCmdlet : TableauConnectedCmdlet, IBulkCmdlet
    {
        /// <summary>How many requests may be in flight at once for piped input.</summary>
        [Parameter]
        [ValidateRange(1, BulkLimits.MaximumThrottleLimit)]
        public int ThrottleLimit { get; set; } = 1;

        BulkDispatcher IBulkCmdlet.Bulk => Bulk;
        internal BulkDispatcher Bulk => _bulk ??= new BulkDispatcher(this, () => ThrottleLimit);
        private BulkDispatcher? _bulk;
    }
}
