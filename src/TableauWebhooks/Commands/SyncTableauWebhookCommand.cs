using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Documents;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;
using TableauWebhooks.Sites;
using TableauWebhooks.Sync;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Makes a server's webhooks match a declarative document (Export-TableauWebhook's format), matching webhooks by site
    /// and name: creates what is missing, updates what differs, and with -Prune removes what the document does not list on
    /// the sites it covers. Every webhook gets one result object; -WhatIf shows the plan and changes nothing; a second run
    /// right after a successful one finds everything Unchanged and sends no change.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "TableauWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = PathSet)]
    [OutputType(typeof(TableauWebhookSyncResult))]
    public sealed class SyncTableauWebhookCommand : TableauConnectedCmdlet, IBulkCmdlet
    {
        private const string PathSet = "Path";
        private const string InputSet = "InputObject";

        private readonly DocumentInputs _inputs = new DocumentInputs();

        /// <summary>The document to apply (Export-TableauWebhook -Path writes one).</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        /// <summary>
        /// Entries from the pipeline: Export-TableauWebhook's text, ConvertFrom-Json of a document or of its webhooks,
        /// Import-Csv rows (Site, Name, Event, DestinationUrl, Enabled), or webhook objects.
        /// </summary>
        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public PSObject[]? InputObject { get; set; }

        /// <summary>Also remove the webhooks the document does not list, on the sites it lists webhooks for.</summary>
        [Parameter]
        public SwitchParameter Prune { get; set; }

        /// <summary>On a server without Update Webhook (REST API below 3.8): create a changed webhook anew, then remove the old one.</summary>
        [Parameter]
        public SwitchParameter Recreate { get; set; }

        /// <summary>Destination prefixes to rewrite, old -> new: @{ 'https://hooks-dev.example.com/' = 'https://hooks.example.com/' }.</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? DestinationUrlMap { get; set; }

        /// <summary>Sites to rename, document -> server: @{ 'finance-dev' = 'finance'; '' = 'prod' } ('' is the Default site).</summary>
        [Parameter]
        [ValidateNotNull]
        public Hashtable? SiteMap { get; set; }

        /// <summary>How many sites are read, and how many changes are sent, at once.</summary>
        [Parameter]
        [ValidateRange(1, BulkLimits.MaximumThrottleLimit)]
        public int ThrottleLimit { get; set; } = GetTableauWebhookCommand.DefaultSiteThrottleLimit;

        BulkDispatcher IBulkCmdlet.Bulk => Bulk;
        private BulkDispatcher Bulk => _bulk ??= new BulkDispatcher(this, () => ThrottleLimit);
        private BulkDispatcher? _bulk;

        protected override void ProcessRecord()
        {
            if (InputObject == null) return;
            foreach (var item in InputObject.Where(i => i != null))
                if (_inputs.AddPiped(item) is { } file) ReadFile(file.FullName, file.FullName);
        }

        protected override void EndProcessing()
        {
            var session = ResolveSession();
            if (Path != null) ReadFile(SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path), Path);
            var input = SyncInput.Prepare(_inputs.Finish(), SiteMap, DestinationUrlMap, session.ApiVersion);

            // The document is checked whole before anything is read or sent: one refused entry changes nothing anywhere, so
            // a typo can never half-apply a document, nor make -Prune remove what the document meant to keep.
            if (input.Problems.Count > 0)
            {
                foreach (var problem in input.Problems) WriteError(problem);
                var count = input.Problems.Count;
                WriteWarning($"Nothing was synced and nothing was sent to the server: the input has {count} problem{(count == 1 ? "" : "s")} " +
                             "(see the error" + (count == 1 ? "" : "s") + "). Correct it and run the sync again; Test-TableauWebhookDocument checks a document without a server.");
                base.EndProcessing();
                return;
            }
            foreach (var key in input.UnusedDestinationKeys)
                WriteWarning($"The -DestinationUrlMap key '{key}' begins no destination of the document, so it changed nothing.");

            var planner = new SyncPlanner(Prune, session.Client.CanUpdateWebhooks, Recreate, session.ApiVersion.ToString(2));
            var bySite = input.Entries.ToLookup(e => e.Site, SiteNames.Comparer);
            var sites = input.Sites.OrderBy(s => s, StringComparer.OrdinalIgnoreCase).ToList();
            foreach (var site in SiteWebhookReader.ReadInOrder(this, session, sites, ThrottleLimit))
            {
                if (site.Error != null)
                {
                    Bulk.Enqueue(() => WriteTableauError(site.Error, site.Site,
                        ErrorRecordFactory.SiteItemName(site.Site) + " was not synced, because its webhooks could not be read"));
                    continue;
                }
                foreach (var change in planner.PlanSite(site.Site, bySite[site.Site], site.Webhooks)) Carry(session, change);
            }
            base.EndProcessing();
        }

        private void ReadFile(string full, string given)
        {
            if (!File.Exists(full))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.SyncDocumentNotFound, ErrorCategory.ObjectNotFound, given,
                    $"There is no file '{full}'. Nothing was changed.", "Export-TableauWebhook -Path webhooks.json writes one."));
            }
            try
            {
                _inputs.AddFile(full);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.InvalidSyncDocument, ErrorCategory.ReadError, given,
                    $"Could not read '{full}': {ex.Message} Nothing was changed."));
            }
        }

        /// <summary>Writes one planned change's result, in plan order, after sending it when it changes the server.</summary>
        private void Carry(TableauSession session, PlannedChange change)
        {
            var result = new TableauWebhookSyncResult(change, session.Server.AbsoluteUri);
            var item = $"Webhook '{change.Name}' on {SiteNames.Describe(change.Site)}";
            if (change.Problem != null)
            {
                Bulk.Enqueue(() =>
                {
                    if (change.ProblemId == ErrorIds.UpdateNeedsRecreate) WriteWarning(Sentence(item, change.Problem));
                    else
                    {
                        WriteError(ErrorRecordFactory.Create(change.ProblemId ?? ErrorIds.InvalidSyncEntry, ErrorCategory.InvalidData, change.Entry?.Name ?? change.Name,
                            Sentence(item, change.Problem)));
                    }
                    result.OutcomeValue = change.Action == SyncAction.Skipped ? SyncOutcome.None : SyncOutcome.Failed;
                    WriteObject(result);
                });
                return;
            }
            if (!change.SendsChange)
            {
                Bulk.Enqueue(() => WriteObject(result));
                return;
            }

            var target = $"'{change.Name}' on {session.DescribeOn(change.Site)}";
            var action = Describe(change);
            // The overload that says why it declined: -WhatIf and a "no" at -Confirm end differently.
            if (!ShouldProcess($"Performing the operation \"{action}\" on target \"{target}\".",
                    $"Are you sure you want to perform this action?\nPerforming the operation \"{action}\" on target \"{target}\".", "Confirm", out var reason))
            {
                result.OutcomeValue = reason == ShouldProcessReason.WhatIf ? SyncOutcome.WhatIf : SyncOutcome.Declined;
                Bulk.Enqueue(() => WriteObject(result));
                return;
            }

            // Queued, not dispatched: the whole plan is known, so a free slot goes to the next change at once.
            Bulk.DispatchQueued(session, change.Site, (client, ct) => Send(client, change, ct), change.Entry?.Name ?? change.Name, item,
                made =>
                {
                    ReportProgress("Syncing webhooks", $"{change.Action} '{change.Name}' on {SiteNames.Describe(change.Site)}");
                    result.OutcomeValue = SyncOutcome.Done;
                    if (made != null && Guid.TryParse(made.Id, out var id)) result.Id = id;
                    WriteObject(result);
                },
                $"{change.Action} of webhook '{change.Name}' on {SiteNames.Describe(change.Site)} was interrupted before Tableau answered; run the sync again to converge.",
                failure =>
                {
                    ReportProgress("Syncing webhooks", $"{change.Action} '{change.Name}' on {SiteNames.Describe(change.Site)}");
                    result.OutcomeValue = SyncOutcome.Failed;
                    result.Reason = failure.Message;
                    WriteObject(result);
                });
        }

        // "Webhook 'x' on site 'y' has no Event." for the document's own problems; "...: <the client's sentence>" otherwise.
        private static string Sentence(string item, string problem)
            => problem.StartsWith("has ", StringComparison.Ordinal) || problem.StartsWith("is ", StringComparison.Ordinal) || problem.StartsWith("differs ", StringComparison.Ordinal)
                ? $"{item} {problem}" : $"{item}: {problem}";

        private static async System.Threading.Tasks.Task<WebhookInfo?> Send(Client.TableauRestClient client, PlannedChange change, System.Threading.CancellationToken ct)
        {
            var entry = change.Entry;
            var existingId = change.Existing?.Id ?? "";
            switch (change.Action)
            {
                case SyncAction.Create:
                    return await client.CreateWebhookAsync(CreateRequest(entry!), ct).ConfigureAwait(false);
                case SyncAction.Update:
                    var request = new WebhookUpdateRequest();
                    foreach (var field in change.Changes)
                    {
                        if (field.Field == "Event") request.Event = entry!.Event;
                        else if (field.Field == "DestinationUrl") request.DestinationUrl = entry!.DestinationUrl;
                        else if (field.Field == "Enabled") request.Enabled = entry!.Enabled;
                    }
                    return await client.UpdateWebhookAsync(existingId, request, ct).ConfigureAwait(false);
                case SyncAction.Recreate:
                    // The new one first: if removing the old then fails, a re-run finds two and says so; nothing is lost.
                    var created = await client.CreateWebhookAsync(CreateRequest(entry!), ct).ConfigureAwait(false);
                    await client.DeleteWebhookAsync(existingId, ct).ConfigureAwait(false);
                    return created;
                case SyncAction.Remove:
                    await client.DeleteWebhookAsync(existingId, ct).ConfigureAwait(false);
                    return null;
                default:
                    throw new InvalidOperationException($"{change.Action} sends nothing.");
            }
        }

        private static WebhookCreateRequest CreateRequest(SyncEntry entry) => entry.ToCreateRequest();

        private static string Describe(PlannedChange change)
        {
            switch (change.Action)
            {
                case SyncAction.Create:
                    return $"Create webhook ({change.Entry!.Event} -> {change.Entry.DestinationUrl}{(change.Entry.Enabled ? "" : ", disabled")})";
                case SyncAction.Update:
                    return $"Update webhook ({string.Join("; ", change.Changes)})";
                case SyncAction.Recreate:
                    return $"Recreate webhook ({string.Join("; ", change.Changes)}): create it anew, then remove the old one";
                default:
                    return "Remove webhook (not in the document)";
            }
        }
    }
}
