using System.Collections.Generic;

namespace TableauWebhooks.Client.Documents
{
    /// <summary>One item of a document's webhooks list: its fields (text, true/false, null or an UnexpectedJsonValue).</summary>
    public sealed class WebhookDocumentEntry
    {
        internal WebhookDocumentEntry(IReadOnlyDictionary<string, object?> fields) => Fields = fields;

        private WebhookDocumentEntry(string kind)
        {
            Fields = new Dictionary<string, object?>();
            NotAnObjectKind = kind;
        }

        internal static WebhookDocumentEntry NotAnObject(string kind) => new WebhookDocumentEntry(kind);

        /// <summary>By name, without regard to case; a field the entry does not have is absent.</summary>
        public IReadOnlyDictionary<string, object?> Fields { get; }
        /// <summary>When the item is not an object at all: what it is instead ("a number").</summary>
        public string? NotAnObjectKind { get; }
    }
}
