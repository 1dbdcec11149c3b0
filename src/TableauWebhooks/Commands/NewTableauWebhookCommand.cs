using System.Management.Automation;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Completion;
using TableauWebhooks.Errors;
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
        [AllowNull]
        public string Name { get => _name; set => _name = value ?? ""; }
        private string _name = "";

        /// <summary>Either event form; the module sends the form the server's API version accepts.</summary>
        [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        [ArgumentCompleter(typeof(EventNameCompleter))]
        public string Event { get => _event; set => _event = value ?? ""; }
        private string _event = "";

        /// <summary>An https:// URL Tableau will POST the event payload to.</summary>
        [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        [AllowNull]
        public string DestinationUrl { get => _destinationUrl; set => _destinationUrl = value ?? ""; }
        private string _destinationUrl = "";

        /// <summary>Create the webhook disabled (API 3.8+).</summary>
        [Parameter]
        public SwitchParameter Disabled { get; set; }

        // Empty and missing values are allowed through binding on purpose (Import-Csv gives $null for the fields a short
        // row lacks): the client rejects them with a specific error record for that one row, named by the row's
        // webhook name or, without one, its row number; a binding error would say less and name neither. Because such
        // rows reach ProcessRecord, counting its calls gives each row's number. (Input that cannot bind at all, an
        // object with no Name property, gets PowerShell's own error and is not counted.)
        private int _row;

        protected override void ProcessRecord()
        {
            _row++;
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
            var item = ErrorRecordFactory.ItemName(name, null, MyInvocation.ExpectingInput ? _row : (int?)null);
            Bulk.Dispatch(session, null, (c, ct) => c.CreateWebhookAsync(request, ct), name, item, info =>
                {
                    var created = new TableauWebhook(info, session);
                    WriteVerbose($"Created webhook '{created.Name}' with id {created.Id}.");
                    WriteObject(created);
                },
                $"Creating webhook '{name}' was interrupted before Tableau answered: it may exist. Check with Get-TableauWebhook -Name '{name}'.");
        }
    }
}
