using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.RegularExpressions;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Webhooks;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Http;

namespace TableauWebhooks.Client.Documents
{
    /// <summary>
    /// The document's rules, the same for a file, piped text, ConvertFrom-Json objects and Import-Csv rows, and the same
    /// as TableauWebhooks.webhooks.schema.json says (plus what a schema cannot: listed sites, names once per site). Keys
    /// are exact; each problem is reported once, with its ErrorId and its place, and reading goes on to the next, so one
    /// run names everything to fix. Nothing here depends on a server: what a server's version accepts is the sync's
    /// concern.
    /// </summary>
    public static class WebhookDocumentChecker
    {
        private const string EntryKeyList = "Site, Name, Event, DestinationUrl and Enabled";

        /// <summary>A document written as JSON text: a file (<paramref name="path"/>) or piped text.</summary>
        /// <param name="source">How messages name it: "'/work/hooks.json'", "The piped document".</param>
        public static CheckedWebhookDocument CheckText(string text, string source, string? path)
        {
            var document = new CheckedWebhookDocument(source, path);
            DocumentNode root;
            List<(int Line, string What)> nonStandard;
            try
            {
                root = JsonDocumentScanner.Read(text, out nonStandard);
            }
            catch (JsonException ex)
            {
                var line = ex.LineNumber.HasValue ? (int)ex.LineNumber.Value + 1 : (int?)null;
                var column = ex.BytePositionInLine.HasValue ? $", column {ex.BytePositionInLine.Value + 1}" : "";
                var where = line.HasValue ? $" at line {line}{column}" : "";
                var reason = $"it is not valid JSON{where}: {WithoutPosition(ex.Message)}";
                document.DocumentProblems.Add(new WebhookDocumentProblem(ErrorIds.InvalidSyncDocument, source, path, null, line, null, null, null,
                    reason, $"{source} is not valid JSON{where}: {WithoutPosition(ex.Message)}") { StopsReading = true });
                return document;
            }
            foreach (var (line, what) in nonStandard)
                document.DocumentProblems.Add(DocumentProblem(document, ErrorIds.NonStandardJson, line, null,
                    $"{what} is not JSON (RFC 8259) and other JSON tools refuse it: remove it."));
            CheckRoot(document, root, rows: false);
            return document;
        }

        /// <summary>A whole document given as an object (ConvertFrom-Json of a file, or a hashtable).</summary>
        public static CheckedWebhookDocument CheckObject(DocumentNode root, string source)
        {
            var document = new CheckedWebhookDocument(source, null);
            CheckRoot(document, root, rows: false);
            return document;
        }

        /// <summary>
        /// Entries given one by one (Import-Csv rows, objects): the entry rules alone. As a CSV holds only text, Enabled may
        /// be the text true or false (any case) here.
        /// </summary>
        public static CheckedWebhookDocument CheckRows(IReadOnlyList<DocumentNode> rows, string source)
        {
            var document = new CheckedWebhookDocument(source, null);
            for (var i = 0; i < rows.Count; i++) document.Entries.Add(CheckEntry(document, rows[i], i, rows: true));
            document.ReportedProblems = CollapseColumnProblems(document);
            return document;
        }

        /// <summary>
        /// The (Site, Name) pairs given more than once: one problem per pair, naming each entry. Sites compare without
        /// regard to case (as Tableau's contentUrls), names exactly (as Tableau keeps them).
        /// </summary>
        /// <param name="entries">Readable entries, each with the site it is about (after a -SiteMap, for a sync).</param>
        /// <param name="siteNote">Added after the site's name when sites were renamed: " (after -SiteMap)".</param>
        public static IReadOnlyList<(WebhookDocumentProblem Problem, IReadOnlyList<CheckedWebhookEntry> Entries)> FindDuplicates(
            IEnumerable<(CheckedWebhookEntry Entry, string Site)> entries, string siteNote = "")
        {
            var found = new List<(WebhookDocumentProblem, IReadOnlyList<CheckedWebhookEntry>)>();
            var groups = entries.Where(e => e.Entry.Name != null)
                .GroupBy(e => (Site: e.Site.ToUpperInvariant(), Name: e.Entry.Name!))
                .Where(g => g.Count() > 1);
            foreach (var group in groups)
            {
                var list = group.ToList();
                var first = list[0];
                var sources = list.Select(e => e.Entry.Source).Distinct().ToList();
                var places = sources.Count == 1
                    ? $"{sources[0]}: {Join(list.Select(e => e.Entry.ShortPlace))}"
                    : Join(list.Select(e => e.Entry.Location));
                var all = list.Count == 2 ? "both" : $"all {list.Count}";
                var reason = $"{all} name the webhook '{first.Entry.Name}' on {ServerAddress.DescribeSite(first.Site)}{siteNote}. A sync matches webhooks " +
                             "by site and name, so it cannot apply them: give each webhook its own name, or remove the extra entries. If the document " +
                             "was exported from a server that has them, rename them there (Set-TableauWebhook -Id) and export again.";
                var problem = new WebhookDocumentProblem(ErrorIds.DuplicateSyncEntry, first.Entry.Source, first.Entry.Path, first.Entry.Index, first.Entry.Line, WebhookDocumentFormat.NameKey,
                    first.Site, first.Entry.Name, reason, $"{places} {reason}");
                found.Add((problem, list.Select(e => e.Entry).ToList()));
            }
            return found;
        }

        // Import-Csv gives every row the same columns, so a missing or unknown column is one problem of the input, not one
        // per row: a 500-row file without a Site column gets one error that names the rows, not 500.
        private static IReadOnlyList<WebhookDocumentProblem> CollapseColumnProblems(CheckedWebhookDocument document)
        {
            var reported = new List<WebhookDocumentProblem>();
            var columnProblems = document.Entries.SelectMany(e => e.Problems)
                .Where(p => p.ErrorId == ErrorIds.MissingDocumentKey || p.ErrorId == ErrorIds.UnknownDocumentKey)
                .GroupBy(p => (p.ErrorId, p.Key, p.Reason))
                .ToDictionary(g => g.Key, g => g.ToList());
            var done = new HashSet<(string, string?, string)>();
            foreach (var problem in document.Entries.SelectMany(e => e.Problems))
            {
                var key = (problem.ErrorId, problem.Key, problem.Reason);
                if (!columnProblems.TryGetValue(key, out var same) || same.Count == 1)
                {
                    reported.Add(problem);
                    continue;
                }
                if (!done.Add(key)) continue;
                var rows = Rows(same.Select(p => p.Index!.Value + 1).ToList(), document.Entries.Count);
                reported.Add(new WebhookDocumentProblem(problem.ErrorId, problem.Source, null, problem.Index, null, problem.Key, null, null,
                    problem.Reason, $"{rows}: {problem.Reason}"));
            }
            return reported;
        }

        // "Rows 1 to 500 (every row)", "Rows 2, 5 and 9", "Rows 1, 2, 3, 4, 5 and 40 more".
        private static string Rows(IReadOnlyList<int> numbers, int total)
        {
            var contiguous = numbers[numbers.Count - 1] - numbers[0] == numbers.Count - 1;
            if (numbers.Count == total) return total == 2 ? "Rows 1 and 2 (every row)" : $"Rows 1 to {total} (every row)";
            if (contiguous && numbers.Count > 2) return $"Rows {numbers[0]} to {numbers[numbers.Count - 1]}";
            if (numbers.Count <= 6) return "Rows " + Join(numbers.Select(n => n.ToString(CultureInfo.InvariantCulture)));
            return "Rows " + string.Join(", ", numbers.Take(5)) + $" and {numbers.Count - 5} more";
        }

        private static void CheckRoot(CheckedWebhookDocument document, DocumentNode root, bool rows)
        {
            var source = document.Source;
            if (root.Kind != DocumentNodeKind.Object)
            {
                Fatal(document, ErrorIds.InvalidSyncDocument, root.Line, null,
                    $"{source} is not a webhooks document: it is {root.Describe()}, not an object with formatVersion, sites and webhooks. Export-TableauWebhook writes one.");
                return;
            }
            if (!ReadVersion(document, root, out var version)) return;
            document.FormatVersion = version;

            var allowed = WebhookDocumentFormat.DocumentKeys(version);
            var suggested = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in root.Members.Where(m => !allowed.Contains(m.Key)))
            {
                string reason;
                if (version < 2 && member.Key == WebhookDocumentFormat.SitesKey)
                    reason = "the key 'sites' is part of version 2 of the format, and this document has formatVersion 1: write \"formatVersion\": 2 to declare the sites it speaks for.";
                else
                {
                    var suggestion = NameSuggestion.For(member.Key, allowed);
                    if (suggestion != null) suggested.Add(suggestion);
                    reason = $"the key '{member.Key}' is not part of a version {version} document, which has exactly {Join(allowed)}" +
                             (suggestion != null ? $" (did you mean '{suggestion}'?)." : ".");
                }
                document.DocumentProblems.Add(DocumentProblem(document, ErrorIds.UnknownDocumentKey, member.Line, member.Key, reason));
            }
            foreach (var key in allowed.Where(k => k != WebhookDocumentFormat.FormatVersionKey))
            {
                var members = root.Members.Where(m => m.Key == key).ToList();
                if (members.Count == 0)
                {
                    if (!suggested.Contains(key))
                        document.DocumentProblems.Add(DocumentProblem(document, ErrorIds.MissingDocumentKey, root.Line, key, $"the key '{key}' is missing: {DescribeDocumentKey(key)}."));
                    continue;
                }
                if (members.Count > 1)
                    document.DocumentProblems.Add(DocumentProblem(document, ErrorIds.DuplicateDocumentKey, members[1].Line, key, Repeated(key, members)));
                if (key == WebhookDocumentFormat.SitesKey) ReadSites(document, members[0]);
                else ReadWebhooks(document, members[0], rows);
            }
            CheckListedSites(document);
        }

        // formatVersion decides the other rules, so without a readable one nothing else is checked.
        private static bool ReadVersion(CheckedWebhookDocument document, DocumentNode root, out int version)
        {
            version = 0;
            var key = WebhookDocumentFormat.FormatVersionKey;
            var members = root.Members.Where(m => m.Key == key).ToList();
            var source = document.Source;
            if (members.Count == 0)
            {
                var near = root.Members.FirstOrDefault(m => string.Equals(m.Key, key, StringComparison.OrdinalIgnoreCase));
                var hint = near != null ? $" (it has '{near.Key}': key names are exact)" : "";
                Fatal(document, ErrorIds.InvalidSyncDocument, root.Line, key, $"{source} is not a webhooks document: it has no formatVersion{hint}. Export-TableauWebhook writes one.");
                return false;
            }
            if (members.Count > 1)
            {
                Fatal(document, ErrorIds.DuplicateDocumentKey, members[1].Line, key, $"{Where(document, members[1].Line)}: {Repeated(key, members)}");
                return false;
            }
            var value = members[0].Value;
            if (value.Kind != DocumentNodeKind.Number || !int.TryParse(value.Text, NumberStyles.None, CultureInfo.InvariantCulture, out version))
            {
                var what = value.Kind == DocumentNodeKind.Text ? $"the text \"{value.Text}\"" : value.Describe();
                Fatal(document, ErrorIds.InvalidSyncDocument, members[0].Line, key,
                    $"{source} has {what} for formatVersion, not the number {WebhookDocumentFormat.CurrentVersion} (or 1, the first version).");
                return false;
            }
            if (version < 1)
            {
                Fatal(document, ErrorIds.InvalidSyncDocument, members[0].Line, key, $"{source} has formatVersion {version}; this module reads versions 1 and {WebhookDocumentFormat.CurrentVersion}.");
                return false;
            }
            if (version > WebhookDocumentFormat.CurrentVersion)
            {
                Fatal(document, ErrorIds.InvalidSyncDocument, members[0].Line, key,
                    $"{source} has formatVersion {version}, newer than this module reads ({WebhookDocumentFormat.CurrentVersion}). Update TableauWebhooks.");
                return false;
            }
            return true;
        }

        private static void ReadSites(CheckedWebhookDocument document, DocumentMember member)
        {
            if (member.Value.Kind != DocumentNodeKind.List)
            {
                document.DocumentProblems.Add(DocumentProblem(document, ErrorIds.InvalidDocumentValue, member.Line, WebhookDocumentFormat.SitesKey,
                    $"'sites' is {member.Value.Describe()}, not a list of the sites' contentUrls (\"\" for the Default site)."));
                return;
            }
            var sites = new List<string>();
            var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
            for (var i = 0; i < member.Value.Items.Count; i++)
            {
                var item = member.Value.Items[i];
                if (item.Kind != DocumentNodeKind.Text)
                {
                    document.DocumentProblems.Add(DocumentProblem(document, ErrorIds.InvalidDocumentValue, item.Line ?? member.Line, WebhookDocumentFormat.SitesKey,
                        $"sites[{i}] is {item.Describe()}, not a site's contentUrl (text; \"\" for the Default site)."));
                    continue;
                }
                if (seen.TryGetValue(item.Text!, out var earlier))
                {
                    document.DocumentProblems.Add(DocumentProblem(document, ErrorIds.DuplicateDocumentSite, item.Line ?? member.Line, WebhookDocumentFormat.SitesKey,
                        $"'sites' lists {ServerAddress.DescribeSite(item.Text!)} twice (sites[{earlier}] and sites[{i}]; contentUrls are compared without regard to case)."));
                    continue;
                }
                seen[item.Text!] = i;
                sites.Add(item.Text!);
            }
            document.DeclaredSites = sites;
        }

        private static void ReadWebhooks(CheckedWebhookDocument document, DocumentMember member, bool rows)
        {
            if (member.Value.Kind != DocumentNodeKind.List)
            {
                document.DocumentProblems.Add(DocumentProblem(document, ErrorIds.InvalidDocumentValue, member.Line, WebhookDocumentFormat.WebhooksKey,
                    $"'webhooks' is {member.Value.Describe()}, not a list of webhooks."));
                return;
            }
            for (var i = 0; i < member.Value.Items.Count; i++) document.Entries.Add(CheckEntry(document, member.Value.Items[i], i, rows));
        }

        // Version 2: every entry's Site is one the document says it speaks for.
        private static void CheckListedSites(CheckedWebhookDocument document)
        {
            if (document.DeclaredSites == null) return;
            var declared = new HashSet<string>(document.DeclaredSites, StringComparer.OrdinalIgnoreCase);
            foreach (var entry in document.Entries.Where(e => e.Site != null && !declared.Contains(e.Site)))
            {
                var hint = NameSuggestion.Hint(entry.Site, document.DeclaredSites.Where(s => s.Length > 0));
                var listed = document.DeclaredSites.Count == 0 ? "no site" : Join(document.DeclaredSites.Select(s => $"\"{s}\""));
                EntryProblem(document, entry, ErrorIds.UndeclaredDocumentSite, entry.Line, WebhookDocumentFormat.SiteKey,
                    $"'Site' is \"{entry.Site}\", which is not in the document's 'sites' list ({listed}){hint}: add it to 'sites', or correct the Site.");
                entry.Site = null;
            }
        }

        private static CheckedWebhookEntry CheckEntry(CheckedWebhookDocument document, DocumentNode node, int index, bool rows)
        {
            var entry = new CheckedWebhookEntry(document, index, node.Line);
            entry.ShortPlace = rows ? $"row {index + 1}" : node.Line.HasValue ? $"webhooks[{index}] (line {node.Line})" : $"webhooks[{index}]";
            var name = node.Members.FirstOrDefault(m => m.Key == WebhookDocumentFormat.NameKey)?.Value;
            var site = node.Members.FirstOrDefault(m => m.Key == WebhookDocumentFormat.SiteKey)?.Value;
            entry.WrittenName = name?.Kind == DocumentNodeKind.Text && name.Text!.Trim().Length > 0 ? name.Text : null;
            entry.WrittenSite = site?.Kind == DocumentNodeKind.Text ? site.Text : null;
            var label = entry.WrittenName != null ? $" ('{entry.WrittenName}')" : "";
            entry.Location = LocationAt(document, entry, node.Line, rows, label);
            entry.LocationAtLine = line => LocationAt(document, entry, line, rows, label);

            var noun = rows ? "property" : "key";
            if (node.Kind != DocumentNodeKind.Object)
            {
                EntryProblem(document, entry, ErrorIds.InvalidSyncEntry, node.Line, null,
                    $"it is {node.Describe()}, not an object with the {noun}s {EntryKeyList}.");
                return entry;
            }

            var suggested = new HashSet<string>(StringComparer.Ordinal);
            foreach (var member in node.Members.Where(m => !WebhookDocumentFormat.EntryKeys.Contains(m.Key)))
            {
                var suggestion = NameSuggestion.For(member.Key, WebhookDocumentFormat.EntryKeys);
                if (suggestion != null) suggested.Add(suggestion);
                EntryProblem(document, entry, ErrorIds.UnknownDocumentKey, member.Line, member.Key,
                    $"the {noun} '{member.Key}' is not one of {EntryKeyList}" + (suggestion != null ? $" (did you mean '{suggestion}'?)." : "."));
            }
            foreach (var key in WebhookDocumentFormat.EntryKeys)
            {
                var members = node.Members.Where(m => m.Key == key).ToList();
                if (members.Count == 0)
                {
                    if (!suggested.Contains(key))
                        EntryProblem(document, entry, ErrorIds.MissingDocumentKey, node.Line, key, $"the {noun} '{key}' is missing ({DescribeEntryKey(key)}).");
                    continue;
                }
                if (members.Count > 1)
                {
                    EntryProblem(document, entry, ErrorIds.DuplicateDocumentKey, members[1].Line, key, Repeated(key, members));
                    continue;
                }
                ReadValue(document, entry, members[0], rows);
            }
            return entry;
        }

        private static void ReadValue(CheckedWebhookDocument document, CheckedWebhookEntry entry, DocumentMember member, bool rows)
        {
            var value = member.Value;
            var key = member.Key;
            void Refuse(string errorId, string reason) => EntryProblem(document, entry, errorId, member.Line, key, reason);

            if (key == WebhookDocumentFormat.EnabledKey)
            {
                if (value.Kind == DocumentNodeKind.Boolean) entry.Enabled = value.Flag;
                else if (rows && value.Kind == DocumentNodeKind.Text && bool.TryParse(value.Text, out var flag) && value.Text!.Trim().Length == value.Text.Length)
                    entry.Enabled = flag;
                else if (value.Kind == DocumentNodeKind.Text)
                    Refuse(ErrorIds.InvalidDocumentValue, rows ? $"'Enabled' is '{value.Text}', not true or false."
                        : $"'Enabled' is the text \"{value.Text}\", not true or false (write it without quotes).");
                else Refuse(ErrorIds.InvalidDocumentValue, $"'Enabled' is {value.Describe()}, not true or false.");
                return;
            }
            if (value.Kind != DocumentNodeKind.Text)
            {
                var expected = key == WebhookDocumentFormat.SiteKey && value.Kind == DocumentNodeKind.Null
                    ? "; the Default site is written \"\" (empty text)" : $", not text ({DescribeEntryKey(key)})";
                Refuse(ErrorIds.InvalidDocumentValue, $"'{key}' is {value.Describe()}{expected}.");
                return;
            }
            var text = value.Text!;
            switch (key)
            {
                case WebhookDocumentFormat.SiteKey:
                    entry.Site = text;
                    break;
                case WebhookDocumentFormat.NameKey:
                    if (text.Trim().Length == 0) Refuse(ErrorIds.InvalidDocumentValue, text.Length == 0 ? "'Name' is empty." : "'Name' is blank.");
                    else entry.Name = text;
                    break;
                case WebhookDocumentFormat.EventKey:
                    if (!WebhookEventCatalog.TryFind(text, out var definition))
                        Refuse(ErrorIds.UnknownWebhookEvent, $"'Event' is '{text}', which is not a Tableau webhook event" +
                            $"{NameSuggestion.Hint(text, WebhookEventCatalog.All.Select(e => e.Name))}. Get-TableauWebhookEvent lists the events.");
                    else if (definition.Name != text)
                        Refuse(ErrorIds.InvalidDocumentValue, $"'Event' is '{text}': documents name this event '{definition.Name}', exactly as Get-TableauWebhookEvent lists it.");
                    else entry.Event = definition.Name;
                    break;
                case WebhookDocumentFormat.DestinationUrlKey:
                    if (DestinationProblem(text) is { } problem) Refuse(problem.ErrorId, problem.Reason);
                    else entry.DestinationUrl = text;
                    break;
            }
        }

        /// <summary>Why a destination cannot be used (DestinationUrlRule, exactly as written: a document is data); null when it can.</summary>
        public static (string ErrorId, string Reason)? DestinationProblem(string url)
            => DestinationUrlRule.Check(url) is { } problem
                ? (problem.ErrorId, $"'DestinationUrl' '{DestinationUrlRule.Display(url)}' {problem.Reason}")
                : ((string, string)?)null;

        private static string DescribeEntryKey(string key)
        {
            switch (key)
            {
                case WebhookDocumentFormat.SiteKey: return "the site's contentUrl; \"\" for the Default site";
                case WebhookDocumentFormat.NameKey: return "the webhook's name";
                case WebhookDocumentFormat.EventKey: return "an event name such as DatasourceRefreshFailed";
                case WebhookDocumentFormat.DestinationUrlKey: return "an https:// URL";
                default: return "true or false";
            }
        }

        private static string DescribeDocumentKey(string key) => key == WebhookDocumentFormat.SitesKey
            ? "a version 2 document lists the sites it speaks for (contentUrls, \"\" for the Default site), those without webhooks too"
            : "the list of webhooks (it may be empty)";

        private static string Repeated(string key, IReadOnlyList<DocumentMember> members)
        {
            var lines = members.All(m => m.Line.HasValue) ? $" (lines {Join(members.Select(m => m.Line!.Value.ToString(CultureInfo.InvariantCulture)))})" : "";
            return $"the key '{key}' is written {members.Count} times{lines}; JSON readers differ on which one counts, so none of them is used.";
        }

        private static string LocationAt(CheckedWebhookDocument document, CheckedWebhookEntry entry, int? line, bool rows, string label)
            => rows ? $"Row {entry.Index + 1}{label}"
                : line.HasValue ? $"{document.Source}, line {line}, webhooks[{entry.Index}]{label}" : $"{document.Source}, webhooks[{entry.Index}]{label}";

        private static void EntryProblem(CheckedWebhookDocument document, CheckedWebhookEntry entry, string errorId, int? line, string? key, string reason)
        {
            // The line of the key at fault where it has one, so an editor's "go to line" lands on it.
            var message = $"{entry.LocationAtLine(line ?? entry.Line)}: {reason}";
            entry.Problems.Add(new WebhookDocumentProblem(errorId, document.Source, document.Path, entry.Index, line ?? entry.Line, key,
                entry.WrittenSite, entry.WrittenName, reason, message));
        }

        private static WebhookDocumentProblem DocumentProblem(CheckedWebhookDocument document, string errorId, int? line, string? key, string reason)
            => new WebhookDocumentProblem(errorId, document.Source, document.Path, null, line, key, null, null, reason, $"{Where(document, line)}: {reason}");

        private static void Fatal(CheckedWebhookDocument document, string errorId, int? line, string? key, string message)
            => document.DocumentProblems.Add(new WebhookDocumentProblem(errorId, document.Source, document.Path, null, line, key, null, null, message, message)
                { StopsReading = true });

        private static string Where(CheckedWebhookDocument document, int? line) => line.HasValue ? $"{document.Source}, line {line}" : document.Source;

        // "a", "a and b", "a, b and c".
        public static string Join(IEnumerable<string> items)
        {
            var list = items.ToList();
            return list.Count <= 1 ? string.Concat(list) : string.Join(", ", list.Take(list.Count - 1)) + " and " + list[list.Count - 1];
        }

        // System.Text.Json ends its messages with "LineNumber: 3 | BytePositionInLine: 4."; the message says where already.
        private static string WithoutPosition(string message) => Regex.Replace(message, @"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$", "").TrimEnd();
    }
}
