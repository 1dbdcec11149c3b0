using System.Management.Automation;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Output;

namespace TableauWebhooks.Commands
{
    /// <summary>Disables a webhook without deleting it, with an optional reason Tableau keeps (API 3.8+).</summary>
    [Cmdlet(VerbsLifecycle.Disable, "TableauWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
    [OutputType(typeof(TableauWebhook))]
    public sealed class DisableTableauWebhookCommand : TableauBulkTargetCmdlet
    {
        /// <summary>Stored as the webhook's StatusChangeReason; Tableau writes "Webhook disabled by user" when omitted.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? Reason { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            if (!(ResolveTarget() is { } resolved)) return;
            var (id, label, session, target) = resolved;
            if (!ShouldProcess($"{label} on {session}", "Disable webhook")) return;
            ReportProgress("Disabling webhooks", label);
            WriteVerbose($"Disabling webhook {label}{(Reason == null ? "" : $" because '{Reason}'")}.");
            var request = new WebhookUpdateRequest { Enabled = false, StatusChangeReason = Reason };
            Bulk.Dispatch(session, (c, ct) => c.UpdateWebhookAsync(id.ToString(), request, ct), target,
                updated => { if (PassThru) WriteObject(new TableauWebhook(updated, session)); },
                $"Disabling webhook {label} was interrupted before Tableau answered: it may be disabled. Check with Get-TableauWebhook -Id {id}.");
        }
    }
}
