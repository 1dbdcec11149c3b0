using System.Linq;
using TableauWebhooks.Client.Documents;

namespace TableauWebhooks.Output
{
    /// <summary>
    /// Test-TableauWebhookDocument's verdict on one entry of a document (Index and Line say which), or on the document as
    /// a whole when the problem belongs to no entry (Index is null): Valid, and the Problems that make it invalid.
    /// </summary>
    public sealed class TableauWebhookDocumentTestResult
    {
        internal TableauWebhookDocumentTestResult(CheckedWebhookDocument document, CheckedWebhookEntry entry)
        {
            Path = document.Path;
            Index = entry.Index;
            Line = entry.Line;
            Site = entry.Site ?? entry.Problems.Select(p => p.Site).FirstOrDefault(s => s != null);
            Name = entry.Name ?? entry.Problems.Select(p => p.Name).FirstOrDefault(n => n != null);
            Problems = entry.Problems.Select(p => new TableauWebhookDocumentProblem(p)).ToArray();
        }

        internal TableauWebhookDocumentTestResult(CheckedWebhookDocument document)
        {
            Path = document.Path;
            Line = document.DocumentProblems.Select(p => p.Line).FirstOrDefault(l => l != null);
            Problems = document.DocumentProblems.Select(p => new TableauWebhookDocumentProblem(p)).ToArray();
        }

        /// <summary>The file's full path; null for piped input.</summary>
        public string? Path { get; }
        /// <summary>The entry's position in the webhooks list (or among piped rows), from 0; null for the document as a whole.</summary>
        public int? Index { get; }
        /// <summary>The line the entry starts on (from 1); null for piped objects.</summary>
        public int? Line { get; }
        /// <summary>The entry's Site and Name as written, when they are text.</summary>
        public string? Site { get; }
        public string? Name { get; }
        public bool Valid => Problems.Length == 0;
        public TableauWebhookDocumentProblem[] Problems { get; }

        public override string ToString()
        {
            var what = Index.HasValue ? $"webhooks[{Index}]{(Name != null ? $" '{Name}'" : "")}" : "the document";
            return Valid ? $"{what}: valid" : $"{what}: {string.Join("; ", Problems.Select(p => p.Reason))}";
        }
    }
}
