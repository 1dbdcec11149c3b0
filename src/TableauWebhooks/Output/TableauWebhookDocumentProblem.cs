using TableauWebhooks.Client.Documents;

namespace TableauWebhooks.Output
{
    /// <summary>
    /// One problem of a webhooks document, as Test-TableauWebhookDocument lists it and as the TargetObject of the error
    /// record Test-TableauWebhookDocument and Sync-TableauWebhook write for it: where it is and what it is.
    /// </summary>
    public sealed class TableauWebhookDocumentProblem
    {
        internal TableauWebhookDocumentProblem(WebhookDocumentProblem problem)
        {
            ErrorId = problem.ErrorId;
            Path = problem.Path;
            Index = problem.Index;
            Line = problem.Line;
            Key = problem.Key;
            Site = problem.Site;
            Name = problem.Name;
            Reason = problem.Reason;
            Message = problem.Message;
        }

        /// <summary>The ErrorId of the error record written for it (UnknownDocumentKey, InvalidDocumentValue, ...).</summary>
        public string ErrorId { get; }
        /// <summary>The file's full path; null for piped input.</summary>
        public string? Path { get; }
        /// <summary>The entry's position in the webhooks list (or among piped rows), from 0; null for the document as a whole.</summary>
        public int? Index { get; }
        /// <summary>The line of the file or text (from 1); null for piped objects.</summary>
        public int? Line { get; }
        /// <summary>The key (or CSV column) it is about, when it is about one.</summary>
        public string? Key { get; }
        /// <summary>The entry's Site and Name as written, when they are text.</summary>
        public string? Site { get; }
        public string? Name { get; }
        /// <summary>The problem alone: "the key 'Sites' is not one of ... (did you mean 'Site'?)".</summary>
        public string Reason { get; }
        /// <summary>The place and the problem, as the error record says it.</summary>
        public string Message { get; }

        public override string ToString() => Message;
    }
}
