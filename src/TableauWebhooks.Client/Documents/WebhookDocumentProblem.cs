namespace TableauWebhooks.Client.Documents
{
    /// <summary>
    /// One thing a document does wrong: its ErrorId, where it is (the document, the entry's index and line, the key) and
    /// what it is, as a reason ("the key 'Sites' is not ...") and as the whole message that names the place.
    /// </summary>
    public sealed class WebhookDocumentProblem
    {
        public WebhookDocumentProblem(string errorId, string source, string? path, int? index, int? line, string? key, string? site, string? name,
            string reason, string message)
        {
            ErrorId = errorId;
            Source = source;
            Path = path;
            Index = index;
            Line = line;
            Key = key;
            Site = site;
            Name = name;
            Reason = reason;
            Message = message;
        }

        public string ErrorId { get; }
        /// <summary>How messages name the document: "'/work/hooks.json'", "The piped document", "Piped rows".</summary>
        public string Source { get; }
        /// <summary>The file's full path; null for piped input.</summary>
        public string? Path { get; }
        /// <summary>The entry's position (from 0, as in webhooks[0]); null for the document as a whole.</summary>
        public int? Index { get; }
        public int? Line { get; }
        public string? Key { get; }
        /// <summary>The entry's Site and Name as written, when they are text.</summary>
        public string? Site { get; }
        public string? Name { get; }
        /// <summary>The problem alone, without its place.</summary>
        public string Reason { get; }
        /// <summary>The place and the problem: what an error record says.</summary>
        public string Message { get; }
        /// <summary>Nothing else in the document can be checked (not JSON, no readable formatVersion).</summary>
        public bool StopsReading { get; init; }
    }
}
