using System.Management.Automation;

namespace TableauWebhooks.Commands
{
    /// <summary>A connected cmdlet that takes the bulk piece: New-TableauWebhook's base.</summary>
    public abstract class TableauBulkCmdlet : TableauConnectedCmdlet, IBulkCmdlet
    {
        private BulkDispatcher? _bulk;

        /// <summary>How many requests may be in flight at once for piped input.</summary>
        [Parameter]
        [ValidateRange(1, BulkLimits.MaximumThrottleLimit)]
        public int ThrottleLimit { get; set; } = 1;

        internal BulkDispatcher Bulk => _bulk ??= new BulkDispatcher(this, () => ThrottleLimit);

        protected override void FlushEarlierResults() => Bulk.CompleteAll();

        protected override void EndProcessing()
        {
            Bulk.CompleteAll();
            base.EndProcessing();
        }
    }
}
