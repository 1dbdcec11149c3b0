using System;
using System.Text;
using System.Text.RegularExpressions;
using TableauWebhooks.Client.Http;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>
    /// Picks the reader by the response's Content-Type, not by the format we asked for: servers and proxies
    /// may answer XML to a JSON request (and HTML when something in between fails).
    /// </summary>
    internal static class ResponseReader
    {
        /// <summary>
        /// As <see cref="Open(string?, string)"/> for a received answer; JSON is read from its bytes, so the text is never
        /// decoded for a document that parses.
        /// </summary>
        public static IResponseReader Open(ApiResponse response)
        {
            // With a media type the body is not looked at to classify; without one it is sniffed from the text.
            var sniff = MediaType(response.ContentType).Length == 0;
            if (Classify(response.ContentType, sniff ? response.Body : "") == BodyKind.Json)
                return JsonResponseReader.Parse(response.Content, () => response.Body);
            return Open(response.ContentType, response.Body);
        }

        public static IResponseReader Open(string? contentType, string body)
        {
            switch (Classify(contentType, body))
            {
                case BodyKind.Json: return JsonResponseReader.Parse(body);
                case BodyKind.Xml: return XmlResponseReader.Parse(body);
                default:
                    throw new UnreadableResponseException(string.IsNullOrWhiteSpace(body)
                        ? "the body is empty"
                        : "the body is not JSON or XML");
            }
        }

        internal enum BodyKind { None, Json, Xml }

        internal static BodyKind Classify(string? contentType, string body)
        {
            var media = MediaType(contentType);
            if (media.Length > 0)
            {
                if (media == "application/json" || media.EndsWith("+json", StringComparison.Ordinal)) return BodyKind.Json;
                if (media == "application/xml" || media == "text/xml" || media.EndsWith("+xml", StringComparison.Ordinal)) return BodyKind.Xml;
                return BodyKind.None; // text/html, text/plain...: not a Tableau document
            }
            // No Content-Type at all: sniff, since some proxies strip it.
            var trimmed = body.TrimStart();
            if (trimmed.StartsWith("{", StringComparison.Ordinal)) return BodyKind.Json;
            if (trimmed.StartsWith("<", StringComparison.Ordinal) && trimmed.IndexOf("<html", StringComparison.OrdinalIgnoreCase) < 0) return BodyKind.Xml;
            return BodyKind.None;
        }

        internal static string MediaType(string? contentType)
        {
            if (string.IsNullOrWhiteSpace(contentType)) return "";
            var semicolon = contentType!.IndexOf(';');
            return (semicolon >= 0 ? contentType.Substring(0, semicolon) : contentType).Trim().ToLowerInvariant();
        }

        /// <summary>A short, tag-free excerpt of a body for error messages (what a proxy's HTML page says, say).</summary>
        internal static string Snippet(string body, int max = 100)
        {
            if (string.IsNullOrEmpty(body)) return "";
            var text = Regex.Replace(body, "<script[\\s\\S]*?</script>|<style[\\s\\S]*?</style>", " ", RegexOptions.IgnoreCase);
            text = Regex.Replace(text, "<[^>]*>", " ");
            text = Regex.Replace(text, "\\s+", " ").Trim();
            if (text.Length > max) text = text.Substring(0, max) + "...";
            return text;
        }
    }
}
