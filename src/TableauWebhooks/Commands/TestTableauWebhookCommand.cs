using System.Management.Automation;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Makes Tableau post its test payload to the webhook's destination and reports what the destination answered.
    /// Tableau answers 200 even when the destination failed, so a failing destination is written as an error too.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TableauWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ByInputObjectSet)]
    [OutputType(typeof(TableauWebhookTestResult))]
    public sealed class TestTableauWebhookCommand : TableauBulkTargetCmdlet
    {
        private protected override void ProcessTarget(WebhookTarget resolved)
        {
            var (id, _, session, target) = resolved;
            // Read a webhook given by id first: it names the destination in the prompt and the result, and an unknown id
            // gets the plain WebhookNotFound error instead of Tableau's test-specific 400113.
            var webhook = resolved.Known;
            if (webhook == null)
            {
                if (!TryCall(session, resolved.Site, (c, ct) => c.GetWebhookAsync(id.ToString(), ct), target, resolved.Item, out var read)) return;
                webhook = resolved.Webhook(read);
            }
            if (!ShouldProcess($"'{webhook.Name}' ({webhook.Id}) -> {webhook.DestinationUrl}", "Send Tableau's test payload to the destination")) return;

            ReportProgress("Testing webhooks", $"'{webhook.Name}'");
            WriteVerbose($"Asking Tableau to post its test payload for '{webhook.Name}' to {webhook.DestinationUrl}.");
            Bulk.Dispatch(session, resolved.Site, (c, ct) => c.TestWebhookAsync(id.ToString(), ct), target, ErrorRecordFactory.ItemName(webhook.Name, webhook.Id),
                outcome => Report(webhook, outcome, target));
        }

        private void Report(TableauWebhook webhook, WebhookTestOutcome outcome, object target)
        {
            var result = new TableauWebhookTestResult(webhook.Id, webhook.Name, webhook.Site, webhook.DestinationUrl, outcome.DestinationStatus, outcome.Body);
            WriteObject(result);
            if (result.Success) return;
            var category = result.Status == 408 ? ErrorCategory.ConnectionError : ErrorCategory.InvalidResult;
            // Tableau reports 408 when it could not connect to the destination at all: nothing answered.
            var what = result.Status == 408
                ? $"Tableau's test of webhook '{webhook.Name}' could not reach {webhook.DestinationUrl} (Tableau reports that as 408): {Shorten(result.Body)}"
                : $"Tableau's test of webhook '{webhook.Name}' reached {webhook.DestinationUrl}, which answered {result.Status}: {Shorten(result.Body)}";
            WriteError(ErrorRecordFactory.Create(ErrorIds.WebhookTestFailed, category, target, what,
                result.Status == 408
                    ? "Tableau could not connect to the destination: check the URL, its certificate and that it is reachable from the Tableau server."
                    : "Check that the destination accepts POST requests with a JSON body and answers with a 2xx status."));
        }

        private static string Shorten(string body)
        {
            var text = body.Trim();
            return text.Length == 0 ? "(empty body)" : text.Length <= 200 ? text : text.Substring(0, 200) + "...";
        }
    }
}
