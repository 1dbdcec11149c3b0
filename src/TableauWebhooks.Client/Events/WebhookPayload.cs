using System;
using System.Globalization;
using System.Text;
using System.Text.Json;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Events
{
    /// <summary>
    /// What Tableau posts to a webhook's destination (reference 5.2): { resource, event_type, resource_name, site_luid,
    /// resource_luid, created_at }, all text. Read as plain values; nothing in a payload is ever evaluated.
    /// </summary>
    public sealed class WebhookPayload
    {
        private WebhookPayload(string raw) => Raw = raw;

        /// <summary>event_type as sent: the new-style name (DatasourceRefreshFailed); null for a test delivery.</summary>
        public string? EventType { get; private set; }
        /// <summary>The catalog's event for EventType (either name form); null when the event is not one the catalog knows.</summary>
        public WebhookEventDefinition? KnownEvent { get; private set; }
        /// <summary>True for Tableau's test delivery (Test Webhook): an empty body or an empty JSON object.</summary>
        public bool IsTest { get; private set; }
        public string? Resource { get; private set; }
        public string? ResourceName { get; private set; }
        public string? ResourceId { get; private set; }
        public string? SiteId { get; private set; }
        /// <summary>created_at, read as UTC; null when absent or not an ISO 8601 time (the text stays in Raw).</summary>
        public DateTimeOffset? CreatedAt { get; private set; }
        /// <summary>The body exactly as received (as text).</summary>
        public string Raw { get; }

        /// <summary>Reads a body given as bytes (UTF-8, with or without a byte order mark).</summary>
        public static WebhookPayload Read(byte[] body)
        {
            if (body == null) throw new ArgumentNullException(nameof(body));
            var start = body.Length >= 3 && body[0] == 0xEF && body[1] == 0xBB && body[2] == 0xBF ? 3 : 0;
            string text;
            try
            {
                text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body, start, body.Length - start);
            }
            catch (DecoderFallbackException)
            {
                throw Invalid("The payload is not UTF-8 text.");
            }
            return Read(text);
        }

        /// <summary>Reads a body given as text; anything that is not a Tableau payload is an InvalidWebhookPayload error.</summary>
        public static WebhookPayload Read(string body)
        {
            if (body == null) throw new ArgumentNullException(nameof(body));
            var payload = new WebhookPayload(body);
            if (body.Trim().Length == 0)
            {
                payload.IsTest = true;
                return payload;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(body);
            }
            catch (JsonException ex)
            {
                throw Invalid($"The payload is not JSON: {ex.Message}");
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object)
                    throw Invalid($"The payload is a JSON {Describe(root.ValueKind)}, not an object with event_type, resource_name, site_luid and the rest.");
                var fields = 0;
                foreach (var property in root.EnumerateObject())
                {
                    fields++;
                    var value = Text(property);
                    switch (property.Name)
                    {
                        case "event_type": payload.EventType = value; break;
                        case "resource": payload.Resource = value; break;
                        case "resource_name": payload.ResourceName = value; break;
                        case "resource_luid": payload.ResourceId = value; break;
                        case "site_luid": payload.SiteId = value; break;
                        case "created_at": payload.CreatedAt = Time(value); break;
                    }
                }
                if (fields == 0)
                {
                    payload.IsTest = true; // Tableau's test delivery: "an empty payload" (the simulator sends {})
                    return payload;
                }
                if (string.IsNullOrWhiteSpace(payload.EventType))
                    throw Invalid("The payload has no event_type, so it is not a Tableau webhook event.");
                payload.KnownEvent = WebhookEventCatalog.Find(payload.EventType);
                return payload;
            }
        }

        private static TableauException Invalid(string message) => new TableauException(TableauErrorKind.InvalidArgument, ErrorIds.InvalidWebhookPayload, message);

        // Every field Tableau sends is text; a number or a list where text belongs means this is not its payload.
        private static string? Text(JsonProperty property)
        {
            switch (property.Value.ValueKind)
            {
                case JsonValueKind.String: return property.Value.GetString();
                case JsonValueKind.Null: return null;
                default:
                    if (property.Name == "event_type" || property.Name.EndsWith("_luid", StringComparison.Ordinal))
                        throw Invalid($"The payload's {property.Name} is a JSON {Describe(property.Value.ValueKind)}, not text.");
                    return property.Value.GetRawText();
            }
        }

        private static DateTimeOffset? Time(string? text)
            => DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time)
                ? time : (DateTimeOffset?)null;

        private static string Describe(JsonValueKind kind)
        {
            switch (kind)
            {
                case JsonValueKind.Array: return "list";
                case JsonValueKind.Number: return "number";
                case JsonValueKind.String: return "string";
                case JsonValueKind.True:
                case JsonValueKind.False: return "true/false value";
                case JsonValueKind.Null: return "null";
                default: return "object";
            }
        }
    }
}
