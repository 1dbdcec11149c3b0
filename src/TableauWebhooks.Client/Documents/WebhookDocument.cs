using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
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
            // One forward pass with Utf8JsonReader, not a JsonDocument: a sync reads thousands of entries before it can send
            // its first request, and the reader takes a third of the time.
            var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(text),
                new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            string? version = null;
            List<WebhookDocumentEntry>? entries = null;
            try
            {
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                {
                    SkipAll(ref reader);
                    throw Refused($"{source} is not a webhooks document: it has no formatVersion. Export-TableauWebhook writes one.");
                }
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString();
                    reader.Read();
                    if (Is(name, "formatVersion")) version = RawText(ref reader);
                    else if (Is(name, "webhooks") && reader.TokenType == JsonTokenType.StartArray) entries = ReadEntries(ref reader);
                    else reader.Skip();
                }
                SkipAll(ref reader);
            }
            catch (JsonException ex)
            {
                throw Refused($"{source} is not valid JSON: {ex.Message}");
            }

            if (version == null)
                throw Refused($"{source} is not a webhooks document: it has no formatVersion. Export-TableauWebhook writes one.");
            if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
                throw Refused($"{source} has formatVersion {version}; expected {FormatVersion}.");
            if (number > FormatVersion)
                throw Refused($"{source} has formatVersion {number}, newer than this module reads ({FormatVersion}). Update TableauWebhooks.");
            if (entries == null)
                throw Refused($"{source} has no \"webhooks\" list.");
            return entries;
        }

        private static List<WebhookDocumentEntry> ReadEntries(ref Utf8JsonReader reader)
        {
            var entries = new List<WebhookDocumentEntry>();
            while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
            {
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    entries.Add(WebhookDocumentEntry.NotAnObject(Describe(reader.TokenType)));
                    reader.Skip();
                    continue;
                }
                var fields = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    var name = reader.GetString()!;
                    reader.Read();
                    var value = Value(ref reader);
                    if (!fields.ContainsKey(name)) fields[name] = value;
                }
                entries.Add(new WebhookDocumentEntry(fields));
            }
            return entries;
        }

        // Reads to the end, so text after the document (or a broken end) is reported as invalid JSON.
        private static void SkipAll(ref Utf8JsonReader reader)
        {
            while (reader.Read())
            {
            }
        }

        private static bool Is(string? name, string wanted) => string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase);

        // formatVersion as written ("1", "\"1\"", "[1]"), for the check and the message.
        private static string RawText(ref Utf8JsonReader reader)
        {
            if (reader.TokenType == JsonTokenType.Number) return Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
            if (reader.TokenType == JsonTokenType.String) return "\"" + reader.GetString() + "\"";
            var kind = Describe(reader.TokenType);
            reader.Skip();
            return kind;
        }

        private static TableauException Refused(string message) => new TableauException(TableauErrorKind.InvalidArgument, ErrorIds.InvalidSyncDocument, message);

        private static object? Value(ref Utf8JsonReader reader)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: return reader.GetString();
                case JsonTokenType.True: return true;
                case JsonTokenType.False: return false;
                case JsonTokenType.Null: return null;
                default:
                    var unexpected = new UnexpectedJsonValue(Describe(reader.TokenType));
                    reader.Skip();
                    return unexpected;
            }
        }

        private static string Describe(JsonTokenType token)
        {
            switch (token)
            {
                case JsonTokenType.Number: return "a number";
                case JsonTokenType.StartArray: return "a list";
                case JsonTokenType.StartObject: return "an object";
                case JsonTokenType.String: return "text";
                case JsonTokenType.True:
                case JsonTokenType.False: return "true or false";
                default: return "null";
            }
        }
    }
}
