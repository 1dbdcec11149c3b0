using System;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Completion;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Commands
{
    /// <summary>Lists the site's webhooks, or gets them by id; filters by name (wildcards), event and state.</summary>
    [Cmdlet(VerbsCommon.Get, "TableauWebhook", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TableauWebhook))]
    public sealed class GetTableauWebhookCommand : TableauConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "Id";

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WebhookIdTransformation]
        [ArgumentCompleter(typeof(WebhookIdCompleter))]
        public Guid[] Id { get; set; } = Array.Empty<Guid>();

        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WebhookNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Either event form: DatasourceRefreshFailed or webhook-source-event-datasource-refresh-failed.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventNameCompleter))]
        public string? Event { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        public bool Enabled { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            if (ParameterSetName == ByIdSet)
            {
                foreach (var id in Id)
                {
                    if (Id.Length > 1) ReportProgress("Getting webhooks", id.ToString(), Id.Length);
                    if (TryCall(session, (c, ct) => c.GetWebhookAsync(id.ToString(), ct), id, ErrorRecordFactory.ItemName(null, id), out var webhook))
                        WriteObject(new TableauWebhook(webhook, session));
                }
                return;
            }

            var eventFilter = ResolveEventFilter();
            var patterns = Name?.Select(n => WildcardPattern.Get(n, WildcardOptions.IgnoreCase)).ToArray();
            if (!TryCall(session, (c, ct) => c.ListWebhooksAsync(ct), session, null, out var listed)) return;
            var webhooks = listed.Select(w => new TableauWebhook(w, session)).ToArray();

            var matched = webhooks
                .Where(w => patterns == null || patterns.Any(p => p.IsMatch(w.Name)))
                .Where(w => eventFilter == null || string.Equals(w.Event, eventFilter.Name, StringComparison.OrdinalIgnoreCase))
                .Where(w => !MyInvocation.BoundParameters.ContainsKey(nameof(Enabled)) || w.Enabled == Enabled)
                .ToArray();
            WriteObject(matched, enumerateCollection: true);
            ReportNamesNotFound(webhooks);
        }

        private WebhookEventDefinition? ResolveEventFilter()
        {
            if (Event == null) return null;
            if (WebhookEventCatalog.TryFind(Event, out var definition)) return definition;
            ThrowTerminatingError(ErrorRecordFactory.Create(
                ErrorIds.UnknownWebhookEvent, ErrorCategory.InvalidArgument, Event,
                $"'{Event}' is not a Tableau webhook event. Use a name such as DatasourceRefreshFailed or its legacy form webhook-source-event-datasource-refresh-failed.",
                "Get-TableauWebhookEvent lists the event names."));
            return null;
        }

        // As Get-Process -Name does: a name without wildcards that matches nothing is an error; a pattern is not.
        private void ReportNamesNotFound(TableauWebhook[] webhooks)
        {
            if (Name == null) return;
            foreach (var name in Name.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
            {
                if (!webhooks.Any(w => string.Equals(w.Name, name, StringComparison.OrdinalIgnoreCase)))
                {
                    WriteError(ErrorRecordFactory.Create(ErrorIds.WebhookNotFound, ErrorCategory.ObjectNotFound, name,
                        $"No webhook named '{name}' exists on this site."));
                }
            }
        }
    }
}
