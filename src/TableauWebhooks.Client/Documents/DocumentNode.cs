using System;
using System.Collections.Generic;

namespace TableauWebhooks.Client.Documents
{
    /// <summary>
    /// A value of a webhooks document as it was written, before any rule is applied: JSON read from text (with the line of
    /// each value, and every key of an object, repeated ones included) or a PowerShell object turned into the same shape.
    /// The rules (WebhookDocumentChecker) read only this, so a file, piped text and Import-Csv rows are judged alike.
    /// </summary>
    public sealed class DocumentNode
    {
        private static readonly IReadOnlyList<DocumentNode> NoItems = Array.Empty<DocumentNode>();
        private static readonly IReadOnlyList<DocumentMember> NoMembers = Array.Empty<DocumentMember>();

        private DocumentNode(DocumentNodeKind kind, string? text, bool flag, int? line, IReadOnlyList<DocumentNode>? items,
            IReadOnlyList<DocumentMember>? members)
        {
            Kind = kind;
            Text = text;
            Flag = flag;
            Line = line;
            Items = items ?? NoItems;
            Members = members ?? NoMembers;
        }

        public DocumentNodeKind Kind { get; }
        /// <summary>Text: the text; Number: the number as written; Other: the value's type name.</summary>
        public string? Text { get; }
        /// <summary>Boolean: the value.</summary>
        public bool Flag { get; }
        /// <summary>The line of the file or text the value starts on (1-based); null for PowerShell objects.</summary>
        public int? Line { get; }
        public IReadOnlyList<DocumentNode> Items { get; }
        /// <summary>An object's keys in the order written, a repeated key as often as it was written.</summary>
        public IReadOnlyList<DocumentMember> Members { get; }

        public static DocumentNode FromText(string text, int? line = null) => new DocumentNode(DocumentNodeKind.Text, text, false, line, null, null);
        public static DocumentNode FromBoolean(bool value, int? line = null) => new DocumentNode(DocumentNodeKind.Boolean, null, value, line, null, null);
        public static DocumentNode FromNumber(string written, int? line = null) => new DocumentNode(DocumentNodeKind.Number, written, false, line, null, null);
        public static DocumentNode Null(int? line = null) => new DocumentNode(DocumentNodeKind.Null, null, false, line, null, null);
        public static DocumentNode FromList(IReadOnlyList<DocumentNode> items, int? line = null) => new DocumentNode(DocumentNodeKind.List, null, false, line, items, null);
        public static DocumentNode FromObject(IReadOnlyList<DocumentMember> members, int? line = null) => new DocumentNode(DocumentNodeKind.Object, null, false, line, null, members);
        public static DocumentNode FromOther(string typeName) => new DocumentNode(DocumentNodeKind.Other, typeName, false, null, null, null);

        /// <summary>How messages name the kind of a value: "text", "a number", "a list", "true"...</summary>
        public string Describe()
        {
            switch (Kind)
            {
                case DocumentNodeKind.Text: return "text";
                case DocumentNodeKind.Boolean: return Flag ? "true" : "false";
                case DocumentNodeKind.Number: return $"the number {Text}";
                case DocumentNodeKind.Null: return "null";
                case DocumentNodeKind.List: return "a list";
                case DocumentNodeKind.Object: return "an object";
                default: return $"a {Text}";
            }
        }
    }
}
