using System.Management.Automation;

namespace TableauWebhooks.Commands
{
    /// <summary>Deletes webhooks: Remove-TableauWebhook -Name old-*, or Get-TableauWebhook -Name old-* | Remove-TableauWebhook.</summary>
    [Cmdlet(VerbsCommon.Remove, "TableauWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
    [OutputType(typeof(void))]
    public sealed class RemoveTableauWebhookCommand : TableauBulkTargetCmdlet
    {
        private protected override void ProcessTarget(WebhookTarget resolved)
        {
            var (id, label, session, target) = resolved;
            if (!ShouldProcess(resolved.Where, "Remove webhook")) return;
            ReportProgress("Removing webhooks", label);
            WriteVerbose($"Removing webhook {label}.");
            Bulk.Dispatch(session, resolved.Site, (c, ct) => c.DeleteWebhookAsync(id.ToString(), ct), target, resolved.Item,
                () => WriteVerbose($"Removed webhook {label}."),
                $"Removing webhook {label} was interrupted before Tableau answered: it may be gone. Check with Get-TableauWebhook -Id {id}.");
        }
    }
}
