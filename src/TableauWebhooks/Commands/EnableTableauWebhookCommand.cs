using System.Management.Automation;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Output;

namespace TableauWebhooks.Commands
{
    /// <summary>Enables a webhook, e.g. one Tableau disabled after repeated delivery failures (API 3.8+).</summary>
    [Cmdlet(VerbsLifecycle.Enable, "TableauWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
    [OutputType(typeof(TableauWebhook))]
    public sealed class EnableTableauWebhookCommand : TableauBulkTargetCmdlet
    {
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        private protected override void ProcessTarget(WebhookTarget resolved)
        {
            if (!ShouldProcess(resolved.Where, "Enable webhook")) return;
            DispatchUpdate(resolved, new WebhookUpdateRequest { Enabled = true }, "Enabling", "", "it may be enabled", PassThru);
        }
    }
}
