using System.Management.Automation;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Completion;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Creates a webhook. Every parameter binds by property name, so Import-Csv rows create webhooks in bulk. A name
    /// that a webhook of the site already has, or that an earlier row created, is refused (WebhookNameGuard) unless
    /// -AllowDuplicateName: running the same import twice creates nothing twice.
    /// </summary>
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

        /// <summary>Create it even when a webhook of the site already has this name.</summary>
        [Parameter]
        public SwitchParameter AllowDuplicateName { get; set; }

        // Empty and missing values are allowed through binding on purpose (Import-Csv gives $null for the fields a short
        // row lacks): the client rejects them with a specific error record for that one row, named by the row's
        // webhook name or, without one, its row number; a binding error would say less and name neither. Because such
        // rows reach ProcessRecord, counting its calls gives each row's number. (Input that cannot bind at all, an
        // object with no Name property, gets PowerShell's own error and is not counted.)
        private int _row;

        private WebhookNameGuard? _names;

        protected override void ProcessRecord()
        {
            _row++;
            var session = ResolveSession();
            var eventName = WebhookEventCatalog.Find(Event)?.Name ?? Event;
            var target = $"'{Name}' ({eventName} -> {DestinationUrl}) on {session}";
            var request = new WebhookCreateRequest
            {
                Name = Name,
                Event = Event,
                DestinationUrl = DestinationUrl,
                Enabled = Disabled ? false : (bool?)null,
            };
            var name = Name;
            var item = ErrorRecordFactory.ItemName(name, null, MyInvocation.ExpectingInput ? _row : (int?)null);
            // Input the client refuses is refused here, before -WhatIf or a verbose line could show it (a destination with
            // user information must appear nowhere): the row's error takes its place among the results.
            try
            {
                TableauRestClient.ValidateWebhook(request, session.ApiVersion);
            }
            catch (TableauException ex)
            {
                Bulk.Enqueue(() => WriteError(ErrorRecordFactory.FromTableau(ex, name, item)));
                return;
            }
            var checkName = !AllowDuplicateName;
            // A valid name is never blank, so the row's item names it.
            if (checkName && !NameIsFree(session, name, item!)) return;
            if (!ShouldProcess(target, Disabled ? "Create disabled webhook" : "Create webhook", out var reason))
            {
                if (checkName && reason == ShouldProcessReason.WhatIf) Claim(session, name, "would create");
                return;
            }
            var claim = checkName ? Claim(session, name, "creates") : null;
            ReportProgress("Creating webhooks", $"'{Name}'");
            WriteVerbose($"Creating webhook {target}.");

            Bulk.Dispatch(session, null, (c, ct) => c.CreateWebhookAsync(request, ct), name, item, info =>
                {
                    var created = new TableauWebhook(info, session);
                    if (claim != null) _names!.Confirm(session, null, claim, created.Id);
                    WriteVerbose($"Created webhook '{created.Name}' with id {created.Id}.");
                    WriteObject(created);
                },
                $"Creating webhook '{name}' was interrupted before Tableau answered: it may exist. Check with Get-TableauWebhook -Name '{name}'.",
                failure => { if (claim != null) _names!.Failed(session, null, claim, failure); });
        }

        /// <summary>
        /// True when no webhook of the session's site has the name and no earlier row of this command creates it; else the
        /// refusal is written in its place among the results, and nothing is sent for the row.
        /// </summary>
        private bool NameIsFree(TableauSession session, string name, string item)
        {
            _names ??= new WebhookNameGuard(this);
            if (!_names.TryFindHolder(session, null, name, null, name, item, out var holder)) return false;
            if (holder == null) return true;
            var record = ErrorRecordFactory.Create(ErrorIds.WebhookNameExists, ErrorCategory.ResourceExists, name,
                $"{item}: not created, because {holder.Describe(SiteNames.Describe(session.Site))}.{WebhookNameGuard.SameNameNote(name, holder.Name)}",
                holder.Id.HasValue && holder.Pending == null
                    ? $"Give it another name, change the existing webhook with Set-TableauWebhook -Id {holder.Id}, or add -AllowDuplicateName to create a second webhook of this name."
                    : "Give it another name, or add -AllowDuplicateName to create a second webhook of this name.");
            Bulk.Enqueue(() => WriteError(record));
            return false;
        }

        private NameHolder Claim(TableauSession session, string name, string verb)
            => _names!.Claim(session, null, name, null, $"an earlier row of this command {verb} a webhook named '{name}' on {SiteNames.Describe(session.Site)}");
    }
}
