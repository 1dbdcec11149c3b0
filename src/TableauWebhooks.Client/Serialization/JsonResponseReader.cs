using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>
    /// Reads Tableau's JSON, which is a mechanical mapping of its XML: attributes become properties, empty elements
    /// become {}, and a list of one may arrive as a single object rather than an array.
    /// </summary>
    internal sealed class JsonResponseReader : IResponseReader
    {
        private static readonly UTF8Encoding StrictUtf8 = new UTF8Encoding(false, true);
        private readonly JsonDocument _document;
        private readonly JsonElement _root;

        // The reader owns the document (no Clone: a 10,000-webhook list is not copied a second time); Dispose returns
        // its buffers to the pool.
        private JsonResponseReader(JsonDocument document)
        {
            _document = document;
            _root = document.RootElement;
        }

        public void Dispose() => _document.Dispose();

        public static JsonResponseReader Parse(string body)
        {
            try
            {
                return FromDocument(JsonDocument.Parse(body));
            }
            catch (JsonException ex)
            {
                throw new UnreadableResponseException("the JSON is not well formed (" + ex.Message + ")", ex);
            }
        }

        /// <summary>
        /// Parses UTF-8 bytes as received (leading byte order marks skipped), without decoding them to text first. Bytes
        /// that do not parse are read again as decoded text (<paramref name="text"/>), which replaces invalid UTF-8 as the
        /// text path always has, so what parses and every error message stay as they were.
        /// </summary>
        public static JsonResponseReader Parse(byte[] utf8, Func<string> text)
        {
            var start = 0;
            while (utf8.Length - start >= 3 && utf8[start] == 0xEF && utf8[start + 1] == 0xBB && utf8[start + 2] == 0xBF) start += 3;
            JsonDocument document;
            try
            {
                // Invalid UTF-8 goes the text way, where it becomes U+FFFD as it always did.
                StrictUtf8.GetCharCount(utf8, start, utf8.Length - start);
                document = JsonDocument.Parse(new ReadOnlyMemory<byte>(utf8, start, utf8.Length - start));
            }
            catch (Exception ex) when (ex is JsonException || ex is DecoderFallbackException)
            {
                return Parse(text());
            }
            return FromDocument(document);
        }

        private static JsonResponseReader FromDocument(JsonDocument document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                var kind = document.RootElement.ValueKind;
                document.Dispose();
                throw new UnreadableResponseException("the JSON is a " + kind + ", not an object");
            }
            return new JsonResponseReader(document);
        }

        public ServerInfo ReadServerInfo()
        {
            var info = Require(_root, "serverInfo");
            string product = "";
            if (info.TryGetProperty("productVersion", out var pv))
            {
                // Text plus attribute maps to {"value": "...", "build": "..."}; tolerate a plain string too.
                product = pv.ValueKind == JsonValueKind.Object ? Text(pv, "value") ?? "" : Scalar(pv) ?? "";
            }
            return new ServerInfo
            {
                ProductVersion = product,
                RestApiVersion = VersionText.Parse(Text(info, "restApiVersion"), "restApiVersion"),
            };
        }

        public SignInResult ReadCredentials()
        {
            var credentials = Require(_root, "credentials");
            var site = Require(credentials, "site");
            var user = Require(credentials, "user");
            return new SignInResult
            {
                Token = RequireText(credentials, "token"),
                SiteId = RequireText(site, "id"),
                SiteContentUrl = Text(site, "contentUrl") ?? "",
                UserId = RequireText(user, "id"),
                EstimatedTimeToExpiration = Text(credentials, "estimatedTimeToExpiration"),
            };
        }

        public string? ReadUserName()
            => _root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object ? Text(user, "name") : null;

        public WebhookInfo ReadWebhook() => ToWebhook(Require(_root, "webhook"));

        public IReadOnlyList<WebhookInfo> ReadWebhooks()
        {
            if (!_root.TryGetProperty("webhooks", out var list))
                throw new UnreadableResponseException("the JSON has no \"webhooks\" property");
            // An empty site may come back as {"webhooks":{}} or {"webhooks":null}.
            if (list.ValueKind == JsonValueKind.Null) return new List<WebhookInfo>();
            if (list.ValueKind == JsonValueKind.Array) return list.EnumerateArray().Select(ToWebhook).ToList();
            if (list.ValueKind != JsonValueKind.Object) throw new UnreadableResponseException("\"webhooks\" is a " + list.ValueKind);
            if (!list.TryGetProperty("webhook", out var items) || items.ValueKind == JsonValueKind.Null) return new List<WebhookInfo>();
            if (items.ValueKind == JsonValueKind.Array) return items.EnumerateArray().Select(ToWebhook).ToList();
            if (items.ValueKind == JsonValueKind.Object) return new List<WebhookInfo> { ToWebhook(items) };
            throw new UnreadableResponseException("\"webhook\" is a " + items.ValueKind);
        }

        public IReadOnlyList<SiteInfo> ReadSites()
        {
            if (!_root.TryGetProperty("sites", out var list))
                throw new UnreadableResponseException("the JSON has no \"sites\" property");
            // As with webhooks: an empty page may be {"sites":{}} or null, a page of one a single object.
            if (list.ValueKind == JsonValueKind.Null) return new List<SiteInfo>();
            if (list.ValueKind == JsonValueKind.Array) return list.EnumerateArray().Select(ToSite).ToList();
            if (list.ValueKind != JsonValueKind.Object) throw new UnreadableResponseException("\"sites\" is a " + list.ValueKind);
            if (!list.TryGetProperty("site", out var items) || items.ValueKind == JsonValueKind.Null) return new List<SiteInfo>();
            if (items.ValueKind == JsonValueKind.Array) return items.EnumerateArray().Select(ToSite).ToList();
            if (items.ValueKind == JsonValueKind.Object) return new List<SiteInfo> { ToSite(items) };
            throw new UnreadableResponseException("\"site\" is a " + items.ValueKind);
        }

        public PageInfo? ReadPagination()
        {
            if (!_root.TryGetProperty("pagination", out var p) || p.ValueKind != JsonValueKind.Object) return null;
            return PageInfo.From(Text(p, "pageNumber"), Text(p, "pageSize"), Text(p, "totalAvailable"));
        }

        public WebhookTestOutcome ReadTestResult()
        {
            var result = Require(_root, "webhookTestResult");
            string body = "";
            if (result.TryGetProperty("body", out var b))
                body = b.ValueKind == JsonValueKind.String ? b.GetString() ?? ""
                     : b.ValueKind == JsonValueKind.Object && b.TryGetProperty("value", out var v) ? Scalar(v) ?? ""
                     : ""; // {} is an empty <body/>
            return new WebhookTestOutcome
            {
                WebhookId = Text(result, "id") ?? "",
                DestinationStatus = IntText.Parse(Text(result, "status"), "webhookTestResult status"),
                Body = body,
            };
        }

        public TableauErrorDocument? ReadError()
        {
            if (!_root.TryGetProperty("error", out var error) || error.ValueKind != JsonValueKind.Object) return null;
            return new TableauErrorDocument(Text(error, "code"), Text(error, "summary"), Text(error, "detail"));
        }

        private static WebhookInfo ToWebhook(JsonElement webhook)
        {
            if (webhook.ValueKind != JsonValueKind.Object) throw new UnreadableResponseException("a webhook is a " + webhook.ValueKind + ", not an object");
            string? source = null;
            if (webhook.TryGetProperty("webhook-source", out var src) && src.ValueKind == JsonValueKind.Object)
                source = src.EnumerateObject().Select(p => p.Name).FirstOrDefault();
            WebhookEventNaming.Resolve(Text(webhook, "event"), source, out var eventName, out var legacy);

            string url = "";
            if (webhook.TryGetProperty("webhook-destination", out var dest) && dest.ValueKind == JsonValueKind.Object
                && dest.TryGetProperty("webhook-destination-http", out var http) && http.ValueKind == JsonValueKind.Object)
                url = Text(http, "url") ?? "";

            string? ownerId = null, ownerName = null;
            if (webhook.TryGetProperty("owner", out var owner) && owner.ValueKind == JsonValueKind.Object)
            {
                ownerId = Text(owner, "id");
                ownerName = Text(owner, "name");
            }

            // Servers below ApiGates.UpdateWebhook report no flag (every webhook is enabled); some XSDs called it "enabled".
            var enabled = Text(webhook, "isEnabled") ?? Text(webhook, "enabled");
            return new WebhookInfo
            {
                Id = Text(webhook, "id") ?? "",
                Name = Text(webhook, "name") ?? "",
                Event = eventName,
                LegacyEventName = legacy,
                DestinationUrl = url,
                Enabled = enabled == null || BoolText.Parse(enabled, "isEnabled"),
                StatusChangeReason = Text(webhook, "statusChangeReason") ?? "",
                OwnerId = ownerId,
                OwnerName = ownerName,
                CreatedAt = DateText.Parse(Text(webhook, "createdAt")),
                UpdatedAt = DateText.Parse(Text(webhook, "updatedAt")),
            };
        }

        private static SiteInfo ToSite(JsonElement site)
        {
            if (site.ValueKind != JsonValueKind.Object) throw new UnreadableResponseException("a site is a " + site.ValueKind + ", not an object");
            return new SiteInfo
            {
                Id = RequireText(site, "id"),
                Name = Text(site, "name") ?? "",
                ContentUrl = Text(site, "contentUrl") ?? "",
                State = Text(site, "state"),
            };
        }

        private static JsonElement Require(JsonElement parent, string name)
        {
            if (parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object) return value;
            throw new UnreadableResponseException("the JSON has no \"" + name + "\" object");
        }

        /// <summary>A scalar property as text (strings, numbers and booleans alike), or null when absent or null.</summary>
        private static string? Text(JsonElement parent, string name)
            => parent.TryGetProperty(name, out var value) ? Scalar(value) : null;

        private static string? Scalar(JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.Number: return value.GetRawText();
                case JsonValueKind.True: return "true";
                case JsonValueKind.False: return "false";
                default: return null;
            }
        }

        private static string RequireText(JsonElement parent, string name)
        {
            var value = Text(parent, name);
            if (string.IsNullOrEmpty(value)) throw new UnreadableResponseException("the JSON has no \"" + name + "\" value");
            return value!;
        }
    }
}
