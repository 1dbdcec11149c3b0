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

        protected override void ProcessRecord()
        {
            if (!(ResolveTarget() is { } resolved)) return;
            var (id, label, session, target) = resolved;
            if (!ShouldProcess($"{label} on {session}", "Enable webhook")) return;
            ReportProgress("Enabling webhooks", label);
            WriteVerbose($"Enabling webhook {label}.");
            Bulk.Dispatch(session, (c, ct) => c.UpdateWebhookAsync(id.ToString(), new WebhookUpdateRequest { Enabled = true }, ct), target,
                updated => { if (PassThru) WriteObject(new TableauWebhook(updated, session)); },
                $"Enabling webhook {label} was interrupted before Tableau answered: it may be enabled. Check with Get-TableauWebhook -Id {id}.");
        }
    }
}
