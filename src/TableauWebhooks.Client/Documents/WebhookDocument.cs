using System;
using System.Collections.Generic;
using System.Text.Json;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Documents
{
    /// <summary>
    /// Reads the webhooks document Export-TableauWebhook writes ({ "formatVersion": 1, "webhooks": [ ... ] }) into plain
    /// values, so the module never touches System.Text.Json itself (it reaches its dependencies only through this
    /// assembly; see the module's load context). Field names are matched without regard to case. Checking what the
    /// fields mean is the caller's job; this only says what each one holds.
    /// </summary>
    public static class WebhookDocument
    {
        /// <summary>The newest format this version reads and writes.</summary>
        public const int FormatVersion = 1;

        /// <summary>The entries of a document; a document that cannot be read is refused whole with InvalidSyncDocument.</summary>
        /// <param name="source">How messages name the document: "'C:\hooks.json'", "The piped document".</param>
        public static IReadOnlyList<WebhookDocumentEntry> Parse(string text, string source)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException ex)
            {
                throw Refused($"{source} is not valid JSON: {ex.Message}");
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !TryGet(root, "formatVersion", out var version))
                    throw Refused($"{source} is not a webhooks document: it has no formatVersion. Export-TableauWebhook writes one.");
                if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number < 1)
                    throw Refused($"{source} has formatVersion {version.GetRawText()}; expected {FormatVersion}.");
                if (number > FormatVersion)
                    throw Refused($"{source} has formatVersion {number}, newer than this module reads ({FormatVersion}). Update TableauWebhooks.");
                if (!TryGet(root, "webhooks", out var webhooks) || webhooks.ValueKind != JsonValueKind.Array)
                    throw Refused($"{source} has no \"webhooks\" list.");

                var entries = new List<WebhookDocumentEntry>();
                foreach (var item in webhooks.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        entries.Add(WebhookDocumentEntry.NotAnObject(Describe(item.ValueKind)));
                        continue;
                    }
                    var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                    foreach (var property in item.EnumerateObject())
                        if (!fields.ContainsKey(property.Name)) fields[property.Name] = Value(property.Value);
                    entries.Add(new WebhookDocumentEntry(fields));
                }
                return entries;
            }
        }

        private static TableauException Refused(string message) => new TableauException(TableauErrorKind.InvalidArgument, ErrorIds.InvalidSyncDocument, message);

        private static bool TryGet(JsonElement element, string name, out JsonElement value)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
            value = default;
            return false;
        }

        private static object? Value(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Null: return null;
                default: return new UnexpectedJsonValue(Describe(value.ValueKind));
            }
        }

        private static string Describe(JsonValueKind kind)
        {
            switch (kind)
            {
                case JsonValueKind.Number: return "a number";
                case JsonValueKind.Array: return "a list";
                case JsonValueKind.Object: return "an object";
                case JsonValueKind.String: return "text";
                case JsonValueKind.True:
                case JsonValueKind.False: return "true or false";
                default: return "null";
            }
        }
    }

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

    /// <summary>A JSON value of a kind no field takes: a number, a list or an object.</summary>
    public sealed class UnexpectedJsonValue
    {
        internal UnexpectedJsonValue(string kind) => Kind = kind;

        /// <summary>"a number", "a list", "an object".</summary>
        public string Kind { get; }
    }
}
