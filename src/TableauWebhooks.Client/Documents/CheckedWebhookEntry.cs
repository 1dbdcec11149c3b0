using System;
using System.Collections.Generic;

namespace TableauWebhooks.Client.Documents
{
    /// <summary>
    /// One entry of a document after the rules: its place, its values (each null when it could not be read), and its
    /// problems. An entry with no problem has every value, with Event in the catalog's spelling.
    /// </summary>
    public sealed class CheckedWebhookEntry
    {
        internal CheckedWebhookEntry(CheckedWebhookDocument document, int index, int? line)
        {
            Source = document.Source;
            Path = document.Path;
            Index = index;
            Line = line;
        }

        /// <summary>How messages name its document: "'/work/hooks.json'", "Piped rows".</summary>
        public string Source { get; }
        /// <summary>Its document's full path; null for piped input.</summary>
        public string? Path { get; }

        /// <summary>Position in the document's webhooks list, or among piped rows, from 0.</summary>
        public int Index { get; }
        public int? Line { get; }
        /// <summary>How messages name the entry: "'/work/hooks.json', line 14, webhooks[3] ('nightly')", "Row 4 ('nightly')".</summary>
        public string Location { get; internal set; } = "";
        /// <summary>The entry within its document, for messages that name its document once: "webhooks[3] (line 14)", "row 4".</summary>
        public string ShortPlace { get; internal set; } = "";
        public string? Site { get; internal set; }
        public string? Name { get; internal set; }
        public string? Event { get; internal set; }
        public string? DestinationUrl { get; internal set; }
        public bool? Enabled { get; internal set; }
        /// <summary>The entry named at one of its lines: the line of a key at fault.</summary>
        internal Func<int?, string> LocationAtLine { get; set; } = _ => "";
        /// <summary>Site and Name as written, when they are text, for naming the entry in its problems.</summary>
        internal string? WrittenSite { get; set; }
        internal string? WrittenName { get; set; }
        public List<WebhookDocumentProblem> Problems { get; } = new List<WebhookDocumentProblem>();
        public bool IsValid => Problems.Count == 0;
    }
}
