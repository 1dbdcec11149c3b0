using System.Management.Automation;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Completion;
using TableauWebhooks.Output;

namespace TableauWebhooks.Commands
{
    /// <summary>Creates a webhook. Every parameter binds by property name, so Import-Csv rows create webhooks in bulk.</summary>
    [Cmdlet(VerbsCommon.New, "TableauWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(TableauWebhook))]
    public sealed class NewTableauWebhookCommand : TableauBulkCmdlet
    {
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Name { get; set; } = "";

        /// <summary>Either event form; the module sends the form the server's API version accepts.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(EventNameCompleter))]
        public string Event { get; set; } = "";

        /// <summary>An https:// URL Tableau will POST the event payload to.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string DestinationUrl { get; set; } = "";

        /// <summary>Create the webhook disabled (API 3.8+).</summary>
        [Parameter]
        public SwitchParameter Disabled { get; set; }

        // Empty values are allowed through binding on purpose: the client rejects them with a specific error record
        // for that one row, instead of a binding error that would say less.
        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            var eventName = WebhookEventCatalog.Find(Event)?.Name ?? Event;
            var target = $"'{Name}' ({eventName} -> {DestinationUrl}) on {session}";
            if (!ShouldProcess(target, Disabled ? "Create disabled webhook" : "Create webhook")) return;
            ReportProgress("Creating webhooks", $"'{Name}'");
            WriteVerbose($"Creating webhook {target}.");

            var request = new WebhookCreateRequest
            {
                Name = Name,
                Event = Event,
                DestinationUrl = DestinationUrl,
                Enabled = Disabled ? false : (bool?)null,
            };
            var name = Name;
            Bulk.Dispatch(session, (c, ct) => c.CreateWebhookAsync(request, ct), name, info =>
                {
                    var created = new TableauWebhook(info, session);
                    WriteVerbose($"Created webhook '{created.Name}' with id {created.Id}.");
                    WriteObject(created);
                },
                $"Creating webhook '{name}' was interrupted before Tableau answered: it may exist. Check with Get-TableauWebhook -Name '{name}'.");
        }
    }
}
