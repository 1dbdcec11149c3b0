using System.Management.Automation;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A cmdlet that acts on existing webhooks and takes the bulk piece: Set-, Enable-, Disable-, Test- and
    /// Remove-TableauWebhook. Errors found on the pipeline thread wait for the
    /// results of earlier records.
    /// </summary>
    public abstract class TableauBulkTargetCmdlet : TableauWebhookTargetCmdlet, IBulkCmdlet
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
