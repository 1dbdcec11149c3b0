using System.Collections.Generic;
using System.Linq;

namespace TableauWebhooks.Client.Documents
{
    /// <summary>A document (or a set of piped rows) after the rules: its entries, the sites it speaks for, every problem.</summary>
    public sealed class CheckedWebhookDocument
    {
        internal CheckedWebhookDocument(string source, string? path)
        {
            Source = source;
            Path = path;
        }

        public string Source { get; }
        /// <summary>The file's full path; null for piped input.</summary>
        public string? Path { get; }
        /// <summary>The format version it has (0 when it has none that can be read; piped rows have none).</summary>
        public int FormatVersion { get; internal set; }
        /// <summary>
        /// Version 2: the sites the document speaks for, as its "sites" list spells them, those without webhooks too.
        /// Null for version 1 and piped rows, which speak for the sites of their entries.
        /// </summary>
        public IReadOnlyList<string>? DeclaredSites { get; internal set; }
        public List<CheckedWebhookEntry> Entries { get; } = new List<CheckedWebhookEntry>();
        /// <summary>Problems of the document as a whole (no entry has them): syntax, top-level keys, the sites list.</summary>
        public List<WebhookDocumentProblem> DocumentProblems { get; } = new List<WebhookDocumentProblem>();

        /// <summary>Every problem, in the order of the text: the document's own, then each entry's.</summary>
        public IEnumerable<WebhookDocumentProblem> Problems => DocumentProblems.Concat(Entries.SelectMany(e => e.Problems)).Distinct();

        public bool IsValid => !Problems.Any();

        /// <summary>
        /// The problems as errors report them: Problems, except that for piped rows a column missing from (or unknown to)
        /// several rows is one problem naming the rows.
        /// </summary>
        public IEnumerable<WebhookDocumentProblem> ReportedProblems
        {
            get => _reported ?? Problems;
            internal set => _reported = value;
        }

        private IEnumerable<WebhookDocumentProblem>? _reported;

        /// <summary>The sites it speaks for: the declared ones, else the sites of its readable entries.</summary>
        public IEnumerable<string> Sites => DeclaredSites ?? Entries.Where(e => e.Site != null).Select(e => e.Site!);
    }
}
