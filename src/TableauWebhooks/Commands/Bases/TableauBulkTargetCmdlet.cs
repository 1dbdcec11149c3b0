using System;
using System.Management.Automation;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Output;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A cmdlet that acts on existing webhooks and takes the bulk piece (IBulkCmdlet): Set-, Enable-, Disable-, Test- and
    /// Remove-TableauWebhook's base.
    /// </summary>
    public abstract class TableauBulkTargetCmdlet : TableauWebhookTargetCmdlet, IBulkCmdlet
    {
        /// <summary>How many requests may be in flight at once for piped input.</summary>
        [Parameter]
        [ValidateRange(1, BulkLimits.MaximumThrottleLimit)]
        public int ThrottleLimit { get; set; } = 1;

        /// <summary>
        /// Sends one Update Webhook for a resolved target, after the cmdlet's ShouldProcess: progress and a verbose line
        /// named by <paramref name="action"/> ("Enabling"), the updated webhook written when <paramref name="writeResult"/>,
        /// and, if Ctrl+C interrupts it, a notice that <paramref name="mayHaveHappened"/> ("it may be enabled");
        /// <paramref name="onUpdated"/> runs on the pipeline thread when Tableau has made the change, and
        /// <paramref name="onFailed"/> when it has not (after its error is written).
        /// </summary>
        private protected void DispatchUpdate(WebhookTarget target, WebhookUpdateRequest request, string action, string detail, string mayHaveHappened, bool writeResult,
            Action<WebhookInfo>? onUpdated = null, Action<TableauException>? onFailed = null)
        {
            var (id, label, session, input) = target;
            ReportProgress($"{action} webhooks", label);
            WriteVerbose($"{action} webhook {label}{detail}.");
            Bulk.Dispatch(session, target.Site, (c, ct) => c.UpdateWebhookAsync(id.ToString(), request, ct), input, target.Item,
                updated =>
                {
                    onUpdated?.Invoke(updated);
                    if (writeResult) WriteObject(target.Webhook(updated));
                },
                $"{action} webhook {label} was interrupted before Tableau answered: {mayHaveHappened}. Check with Get-TableauWebhook -Id {id}.",
                onFailed);
        }

        BulkDispatcher IBulkCmdlet.Bulk => Bulk;
        internal BulkDispatcher Bulk => _bulk ??= new BulkDispatcher(this, () => ThrottleLimit);
        private BulkDispatcher? _bulk;
    }
}
