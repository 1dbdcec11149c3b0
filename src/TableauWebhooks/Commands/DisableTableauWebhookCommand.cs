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

        private protected override void ProcessTarget(WebhookTarget resolved)
        {
            if (!ShouldProcess(resolved.Where, "Disable webhook")) return;
            DispatchUpdate(resolved, new WebhookUpdateRequest { Enabled = false, StatusChangeReason = Reason }, "Disabling",
                Reason == null ? "" : $" because '{Reason}'", "it may be disabled", PassThru);
        }
    }
}
