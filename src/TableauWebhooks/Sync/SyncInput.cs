using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Documents;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Documents;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Sync
{
    /// <summary>
    /// The checked documents as a sync applies them: every problem of the documents and of the maps (any one means nothing
    /// is sent), the entries on the server's side of the maps, and the sites they speak for (version 2: the declared ones,
    /// those without webhooks too; otherwise the entries' own), which are the only sites -Prune touches.
    /// </summary>
    internal sealed class SyncInput
    {
        private SyncInput(IReadOnlyList<ErrorRecord> problems, IReadOnlyList<SyncEntry> entries, IReadOnlyList<string> sites, IReadOnlyList<string> unusedDestinationKeys)
        {
            Problems = problems;
            Entries = entries;
            Sites = sites;
            UnusedDestinationKeys = unusedDestinationKeys;
        }

        /// <summary>Errors that stop the sync before it reads or sends anything.</summary>
        public IReadOnlyList<ErrorRecord> Problems { get; }
        public IReadOnlyList<SyncEntry> Entries { get; }
        /// <summary>The server's sites the document speaks for (after -SiteMap), in order, each once.</summary>
        public IReadOnlyList<string> Sites { get; }
        public IReadOnlyList<string> UnusedDestinationKeys { get; }

        public static SyncInput Prepare(IReadOnlyList<CheckedWebhookDocument> documents, IDictionary? siteMap, IDictionary? destinationUrlMap, Version api)
        {
            var problems = documents.SelectMany(d => d.ReportedProblems).Select(p => DocumentProblemRecords.For(p)).ToList();
            var mappings = SyncMappings.Create(siteMap, destinationUrlMap, problems);

            var documentSites = documents.SelectMany(d => d.Sites).Distinct(SiteNames.Comparer).ToList();
            problems.AddRange(mappings.UnknownSiteKeys(documentSites));

            var readable = documents.SelectMany(d => d.Entries.Where(e => e.IsValid).Select(e => (Entry: e, Site: mappings.Site(e.Site!)))).ToList();
            var renamed = readable.Any(e => !SiteNames.Same(e.Site, e.Entry.Site));
            foreach (var (problem, _) in WebhookDocumentChecker.FindDuplicates(readable, renamed ? " (after -SiteMap)" : ""))
                problems.Add(DocumentProblemRecords.For(problem));

            var entries = new List<SyncEntry>();
            foreach (var (entry, site) in readable)
            {
                var syncEntry = new SyncEntry(entry.Location, site, entry.Name!, entry.Event!, mappings.DestinationUrl(entry.DestinationUrl!), entry.Enabled!.Value);
                CheckAgainstServer(syncEntry, problems, api);
                entries.Add(syncEntry);
            }
            var sites = documentSites.Select(mappings.Site).Distinct(SiteNames.Comparer).ToList();
            return new SyncInput(problems, entries, sites, mappings.UnusedDestinationKeys.ToList());
        }

        // What this server's version accepts (an event newer than its API, a disabled webhook below 3.8) stays with the
        // entry: the document is fine, the server is old. A rewritten destination must still be one Tableau delivers to.
        private static void CheckAgainstServer(SyncEntry entry, List<ErrorRecord> problems, Version api)
        {
            if (WebhookDocumentChecker.DestinationProblem(entry.DestinationUrl) is { } destination)
            {
                problems.Add(Errors.ErrorRecordFactory.Create(destination.ErrorId, ErrorCategory.InvalidArgument, entry.Name,
                    $"{entry.Location}: after -DestinationUrlMap, {destination.Reason} Nothing was changed."));
                return;
            }
            try
            {
                TableauRestClient.ValidateWebhook(entry.ToCreateRequest(), api);
            }
            catch (TableauException ex)
            {
                entry.Problem = ex.Message;
                entry.ProblemId = ex.ErrorId;
            }
        }
    }
}
