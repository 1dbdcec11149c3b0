using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Completion;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;
using TableauWebhooks.Sites;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Lists the site's webhooks, or gets them by id; filters by name (-Name takes wildcards, -LiteralName takes a name
    /// as it is, as -Path and -LiteralPath do), event and state.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "TableauWebhook", DefaultParameterSetName = ListSet)]
    [OutputType(typeof(TableauWebhook))]
    public sealed class GetTableauWebhookCommand : TableauConnectedCmdlet
    {
        private const string ListSet = "List";
        private const string ByIdSet = "Id";
        private const string LiteralSet = "LiteralName";
        private const string ByInputObjectSet = "InputObject";

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WebhookIdTransformation]
        [ArgumentCompleter(typeof(WebhookIdCompleter))]
        public Guid[] Id { get; set; } = Array.Empty<Guid>();

        /// <summary>
        /// A webhook piped whole, read again where it lives: through its own session (or -Session to the same server),
        /// on its own site. Without this set a piped webhook bound its Id by property name and was looked for on the
        /// default session's site, which may be another site or another server. PowerShell tries by-value binding without
        /// conversion first, so a webhook binds here while ids and CSV rows still bind to -Id.
        /// </summary>
        [Parameter(ParameterSetName = ByInputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public TableauWebhook? InputObject { get; set; }

        [Parameter(ParameterSetName = ListSet, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WebhookNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>
        /// Names taken as they are: no character is a wildcard. Like Get-Item's -LiteralPath it is its own set, but it
        /// does not bind by property name: a piped webhook or CSV row binds its Id, which names one webhook where a
        /// name (not unique on Tableau) may name several, and a second by-property-name set would make every object
        /// with both an Id and a Name ambiguous.
        /// </summary>
        [Parameter(ParameterSetName = LiteralSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WebhookNameCompleter))]
        public string[]? LiteralName { get; set; }

        /// <summary>Either event form: DatasourceRefreshFailed or webhook-source-event-datasource-refresh-failed.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = LiteralSet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventNameCompleter))]
        public string? Event { get; set; }

        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = LiteralSet)]
        public bool Enabled { get; set; }

        /// <summary>
        /// The webhooks of every site of the server (server administrators), each with its site in Site. Sites are read
        /// up to -ThrottleLimit at once with a password; a personal access token or JWT holds one session at a time, so
        /// its sites are read one after another. The session stays on its own site.
        /// </summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = LiteralSet)]
        public SwitchParameter AllSites { get; set; }

        /// <summary>With -AllSites: how many sites are read at once.</summary>
        [Parameter(ParameterSetName = ListSet)]
        [Parameter(ParameterSetName = LiteralSet)]
        [ValidateRange(1, BulkLimits.MaximumThrottleLimit)]
        public int ThrottleLimit { get; set; } = DefaultSiteThrottleLimit;

        /// <summary>Sites read at once by default: enough to hide latency without crowding the server.</summary>
        internal const int DefaultSiteThrottleLimit = 4;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByInputObjectSet)
            {
                ReadAgain(InputObject!);
                return;
            }
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
            var filters = ParameterSetName == LiteralSet
                ? LiteralName!.Select(WebhookNameFilter.Literal).ToArray()
                : Name?.Select(WebhookNameFilter.Wildcard).ToArray();
            if (AllSites)
            {
                ListEverySite(session, filters, eventFilter);
                return;
            }
            if (!TryCall(session, (c, ct) => c.ListWebhooksAsync(ct), session, null, out var listed)) return;
            var webhooks = listed.Select(w => new TableauWebhook(w, session)).ToArray();

            WriteObject(Matching(webhooks, filters, eventFilter), enumerateCollection: true);
            ReportNamesNotFound(filters, webhooks, "this site");
        }

        private void ReadAgain(TableauWebhook piped)
        {
            if (!TrySessionFor(piped, out var session)) return;
            if (TryCall(session, piped.Site, (c, ct) => c.GetWebhookAsync(piped.Id.ToString(), ct), piped, ErrorRecordFactory.ItemName(piped.Name, piped.Id), out var webhook))
                WriteObject(new TableauWebhook(webhook, session, piped.Site, piped.SiteId));
        }

        private void ListEverySite(TableauSession session, WebhookNameFilter[]? filters, WebhookEventDefinition? eventFilter)
        {
            if (!SiteWebhookReader.TryListEverySite(this, session, out var sites)) return;
            var everyWebhook = new List<TableauWebhook>();
            foreach (var webhooks in SiteWebhookReader.ReadEachSite(this, session, sites, ThrottleLimit))
            {
                everyWebhook.AddRange(webhooks);
                WriteObject(Matching(webhooks, filters, eventFilter), enumerateCollection: true);
            }
            ReportNamesNotFound(filters, everyWebhook, "any site");
        }

        private TableauWebhook[] Matching(TableauWebhook[] webhooks, WebhookNameFilter[]? filters, WebhookEventDefinition? eventFilter)
            => webhooks
                .Where(w => filters == null || filters.Any(f => f.IsMatch(w.Name)))
                .Where(w => eventFilter == null || string.Equals(w.Event, eventFilter.Name, StringComparison.OrdinalIgnoreCase))
                .Where(w => !MyInvocation.BoundParameters.ContainsKey(nameof(Enabled)) || w.Enabled == Enabled)
                .ToArray();

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

        // As Get-Process -Name does: a name that matches nothing is an error; a pattern is not. The check asks the same
        // filter the match did, so a webhook that was found is never also reported missing.
        private void ReportNamesNotFound(WebhookNameFilter[]? filters, IReadOnlyCollection<TableauWebhook> webhooks, string where)
        {
            if (filters == null) return;
            foreach (var filter in filters.Where(f => f.MustExist && !webhooks.Any(w => f.IsMatch(w.Name))))
                WriteError(filter.NotFound(where));
        }
    }
}
