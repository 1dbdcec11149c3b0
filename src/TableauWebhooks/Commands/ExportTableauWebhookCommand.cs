using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using TableauWebhooks.Client.Documents;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Errors;
using TableauWebhooks.Files;
using TableauWebhooks.Completion;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;
using TableauWebhooks.Sites;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Writes webhooks as a declarative JSON document (TableauWebhooks.webhooks.schema.json, version 2): the sites it
    /// speaks for, those without webhooks too, and per webhook its site, name, event, destination and state; nothing that
    /// names one server's copy of it (ids, owners, timestamps) and no secret. Sorted by site, then name (ordinal),
    /// indented, LF line endings, so the file diffs cleanly in source control. All or nothing: when a site cannot be read,
    /// no file is written (a document missing a site would make the next Sync -Prune empty it), and a file is replaced in
    /// one step (AtomicFile). Not a TableauWebhookTargetCmdlet: that base makes -Id/-InputObject mandatory, while this
    /// cmdlet's default input is every webhook of the session's site.
    /// </summary>
    [Cmdlet(VerbsData.Export, "TableauWebhook", SupportsShouldProcess = true)]
    [OutputType(typeof(string))]
    public sealed class ExportTableauWebhookCommand : TableauConnectedCmdlet
    {
        /// <summary>The version of the document's format, written as "formatVersion".</summary>
        public const int FormatVersion = WebhookDocumentFormat.CurrentVersion;

        private readonly List<TableauWebhook> _piped = new List<TableauWebhook>();

        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? Path { get; set; }

        [Parameter(ValueFromPipeline = true)]
        [ValidateNotNull]
        public TableauWebhook[]? InputObject { get; set; }

        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>The sites to export, by contentUrl ("" is the Default site); default: the session's site.</summary>
        [Parameter]
        [AllowEmptyString]
        [ValidateNotNull]
        [ArgumentCompleter(typeof(SiteCompleter))]
        public string[]? Site { get; set; }

        /// <summary>Every site of the server (server administrators).</summary>
        [Parameter]
        public SwitchParameter AllSites { get; set; }

        /// <summary>With -Site or -AllSites: how many sites are read at once (a password only; see Get-TableauWebhook -AllSites).</summary>
        [Parameter]
        [ValidateRange(1, BulkLimits.MaximumThrottleLimit)]
        public int ThrottleLimit { get; set; } = GetTableauWebhookCommand.DefaultSiteThrottleLimit;

        protected override void ProcessRecord()
        {
            if (InputObject != null) _piped.AddRange(InputObject.Where(w => w != null));
        }

        protected override void EndProcessing()
        {
            base.EndProcessing();
            // Input given (piped, even if nothing arrived, or -InputObject): export exactly that. Else the site's webhooks.
            var given = MyInvocation.ExpectingInput || MyInvocation.BoundParameters.ContainsKey(nameof(InputObject));
            if (given && (Site != null || AllSites))
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.SitesWithInput, ErrorCategory.InvalidArgument, null,
                    "-Site and -AllSites choose which sites to read; they cannot be used with webhooks given as input.",
                    "Pipe the webhooks to export, or name the sites, not both."));
            }
            IReadOnlyList<TableauWebhook> webhooks;
            IReadOnlyList<string> sites;
            var failed = new List<string>();
            if (given)
            {
                webhooks = _piped;
                sites = _piped.Select(w => w.Site).ToList();
            }
            else if (Site != null || AllSites)
            {
                if (!ReadSites(failed, out webhooks, out sites)) return;
            }
            else
            {
                var session = ResolveSession();
                if (!TryCall(session, (c, ct) => c.ListWebhooksAsync(ct), session, null, out var listed)) return;
                webhooks = listed.Select(w => new TableauWebhook(w, session)).ToList();
                sites = new[] { session.Site };
            }

            var unique = Distinct(webhooks).ToList();
            WarnAboutNamesUsedTwice(unique);
            var full = Path == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            if (full != null && failed.Count > 0)
            {
                // All or nothing: a file missing a site would be committed, and the next Sync -Prune would empty that site.
                var what = WebhookDocumentChecker.Join(failed.Select(SiteNames.Describe));
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ExportIncomplete, ErrorCategory.ReadError, full,
                    $"Nothing was written to '{full}': the webhooks of {what} could not be read (see the error{(failed.Count == 1 ? "" : "s")} above). " +
                    (File.Exists(full) ? "The file is as it was." : "No file was created."),
                    "Run the export again once every site can be read, or leave out the sites that cannot be (-Site)."));
            }
            var document = Render(sites, unique);
            if (full == null)
            {
                // Without -Path the document of what was read is returned, with an error for each site that was not: it
                // speaks only for the sites read, so a sync of it leaves the others alone.
                WriteObject(document);
                return;
            }

            var count = unique.Count;
            if (!ShouldProcess(full, $"Export {count} webhook{(count == 1 ? "" : "s")}")) return;
            if (File.Exists(full) && !Force)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ExportFileExists, ErrorCategory.ResourceExists, full,
                    $"The file '{full}' already exists. Nothing was written.",
                    "Add -Force to replace it, or give another -Path."));
            }
            try
            {
                AtomicFile.WriteAllText(full, document + "\n", replace: Force);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is NotSupportedException || ex is ArgumentException)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.ExportFileWriteFailed, ErrorCategory.WriteError, full,
                    $"Could not write '{full}': {ex.Message} " + (File.Exists(full) ? "The file is as it was." : "No file was created.")));
            }
        }

        /// <summary>
        /// The webhooks of -Site's sites or of every site, and the sites read (as the server spells them). A site that
        /// cannot be read is one error, and is added to <paramref name="failed"/>; false when the list of sites itself
        /// cannot be read.
        /// </summary>
        private bool ReadSites(List<string> failed, out IReadOnlyList<TableauWebhook> webhooks, out IReadOnlyList<string> read)
        {
            var session = ResolveSession();
            var found = new List<TableauWebhook>();
            var readSites = new List<string>();
            webhooks = found;
            read = readSites;
            IReadOnlyList<string> sites = Site?.Distinct(SiteNames.Comparer).ToList() ?? new List<string>();
            if (AllSites && !SiteWebhookReader.TryListEverySite(this, session, out sites)) return false;

            foreach (var site in SiteWebhookReader.ReadInOrder(this, session, sites, ThrottleLimit))
            {
                if (site.Error != null)
                {
                    WriteTableauError(site.Error, site.Site, ErrorRecordFactory.SiteItemName(site.Site));
                    failed.Add(site.Site);
                    continue;
                }
                readSites.Add(site.Site);
                found.AddRange(site.Webhooks.Select(w => new TableauWebhook(w, session, site.Site, site.SiteId)));
            }
            return true;
        }

        /// <summary>
        /// Two webhooks with one name on a site are both exported (the document shows what the server has), with a warning:
        /// a sync matches webhooks by name, so it refuses such a document until one is renamed.
        /// </summary>
        private void WarnAboutNamesUsedTwice(IEnumerable<TableauWebhook> webhooks)
        {
            var twice = webhooks.GroupBy(w => (Site: w.Site.ToUpperInvariant(), w.Name)).Where(g => g.Count() > 1);
            foreach (var group in twice.OrderBy(g => g.Key.Site, StringComparer.Ordinal).ThenBy(g => g.Key.Name, StringComparer.Ordinal))
            {
                var list = group.ToList();
                WriteWarning($"{ErrorRecordFactory.SiteItemName(list[0].Site)} has {list.Count} webhooks named '{list[0].Name}' ({string.Join(", ", list.Select(w => w.Id))}). " +
                             "They are all exported, but Sync-TableauWebhook and Test-TableauWebhookDocument refuse a document that names a webhook twice on a site. " +
                             $"Keep one: rename the others (Set-TableauWebhook -Id {list[1].Id} ...) or remove them (Remove-TableauWebhook -Id {list[1].Id}), and export again.");
            }
        }

        /// <summary>The same webhook piped twice is written once.</summary>
        private static IEnumerable<TableauWebhook> Distinct(IEnumerable<TableauWebhook> webhooks)
        {
            var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var webhook in webhooks)
                if (webhook.Id == Guid.Empty || seen.Add(webhook.SiteId + "/" + webhook.Id)) yield return webhook;
        }

        /// <summary>
        /// The document of webhooks already made distinct, without its final newline (the file gets one; pipeline text,
        /// like ConvertTo-Json's, does not).
        /// </summary>
        private static string Render(IEnumerable<string> sites, IReadOnlyList<TableauWebhook> webhooks)
        {
            var ordered = webhooks
                .OrderBy(w => w.Site, StringComparer.Ordinal)
                .ThenBy(w => w.Name, StringComparer.Ordinal)
                .ThenBy(w => w.Event, StringComparer.Ordinal)
                .ThenBy(w => w.DestinationUrl, StringComparer.Ordinal)
                .ThenBy(w => w.Enabled)
                .ToList();
            var text = new StringBuilder();
            text.Append("{\n");
            text.Append("  \"formatVersion\": ").Append(FormatVersion.ToString(CultureInfo.InvariantCulture)).Append(",\n");
            // Every site the document speaks for, those without webhooks too: a sync with -Prune empties them.
            var listed = sites.Distinct(SiteNames.Comparer).OrderBy(s => s, StringComparer.Ordinal).ToList();
            text.Append(listed.Count == 0 ? "  \"sites\": [],\n" : "  \"sites\": [\n" + string.Join(",\n", listed.Select(s => "    " + Quote(s))) + "\n  ],\n");
            if (ordered.Count == 0)
            {
                text.Append("  \"webhooks\": []\n}");
                return text.ToString();
            }
            text.Append("  \"webhooks\": [\n");
            for (var i = 0; i < ordered.Count; i++)
            {
                var w = ordered[i];
                text.Append("    {\n");
                text.Append("      \"Site\": ").Append(Quote(w.Site)).Append(",\n");
                text.Append("      \"Name\": ").Append(Quote(w.Name)).Append(",\n");
                text.Append("      \"Event\": ").Append(Quote(w.Event)).Append(",\n");
                text.Append("      \"DestinationUrl\": ").Append(Quote(w.DestinationUrl)).Append(",\n");
                text.Append("      \"Enabled\": ").Append(w.Enabled ? "true" : "false").Append('\n');
                text.Append(i == ordered.Count - 1 ? "    }\n" : "    },\n");
            }
            text.Append("  ]\n}");
            return text.ToString();
        }

        /// <summary>A JSON string: quotes, backslashes and control characters escaped, everything else as it is.</summary>
        private static string Quote(string? value)
        {
            var text = new StringBuilder("\"");
            foreach (var c in value ?? "")
            {
                switch (c)
                {
                    case '"': text.Append("\\\""); break;
                    case '\\': text.Append("\\\\"); break;
                    case '\n': text.Append("\\n"); break;
                    case '\r': text.Append("\\r"); break;
                    case '\t': text.Append("\\t"); break;
                    case '\b': text.Append("\\b"); break;
                    case '\f': text.Append("\\f"); break;
                    default:
                        if (c < 0x20 || c == '\u2028' || c == '\u2029')
                            text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                        else text.Append(c);
                        break;
                }
            }
            return text.Append('"').ToString();
        }
    }
}
