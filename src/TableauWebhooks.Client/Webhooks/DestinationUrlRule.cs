using System;
using System.Globalization;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Webhooks
{
    /// <summary>
    /// What a destination URL must be for Tableau to call it, in one place for New- and Set-TableauWebhook, CSV rows and
    /// webhook documents: an absolute https:// URL with a host, no user information (user:password@, which Tableau would
    /// send with every delivery and every listing would show), and no raw whitespace or control characters. Each refusal
    /// says which part is wrong. A URL with user information is never echoed: messages show it without that part.
    /// </summary>
    public static class DestinationUrlRule
    {
        /// <summary>Why <paramref name="url"/> cannot be a destination, as (ErrorId, the rest of a sentence whose subject is the URL); null when it can.</summary>
        public static (string ErrorId, string Reason)? Check(string? url)
        {
            var text = url ?? "";
            if (text.Length == 0) return (ErrorIds.InvalidDestinationUrl, "is empty: give an absolute https:// URL, such as https://hooks.example.com/tableau.");
            // First, so that no later message can show the user information.
            if (UserInfoEnd(text) >= 0)
                return (ErrorIds.InvalidDestinationUrl,
                    "has user information (a name or password before '@'), shown here as '…@'. Tableau would send it with every delivery and "
                    + "every listing of the webhook would show it: give the URL without it, and let the receiver check a secret in the path or a header instead.");
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (c == ' ')
                    return (ErrorIds.InvalidDestinationUrl, i == 0 || i == text.Length - 1
                        ? "has a space before or after it."
                        : $"has a space at character {i + 1}: a URL has no raw spaces; write it as %20.");
                if (char.IsWhiteSpace(c) || char.IsControl(c))
                    return (ErrorIds.InvalidDestinationUrl,
                        $"has a control or whitespace character (U+{((int)c).ToString("X4", CultureInfo.InvariantCulture)}) at character {i + 1}: a URL has none; percent-encode it, or remove it if it came with the text by mistake (a line break, a tab).");
            }
            var separator = text.IndexOf("://", StringComparison.Ordinal);
            if (separator <= 0 || !Uri.TryCreate(text, UriKind.Absolute, out var uri))
                return separator > 0 && AuthorityOf(text, separator).Length == 0
                    ? (ErrorIds.InvalidDestinationUrl, "has no host: give one after https://, such as https://hooks.example.com/tableau.")
                    : (ErrorIds.InvalidDestinationUrl, "is not an absolute https:// URL, such as https://hooks.example.com/tableau.");
            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
                return (ErrorIds.InvalidDestinationUrl, $"uses {uri.Scheme}://; Tableau delivers webhooks only to https:// URLs, such as https://hooks.example.com/tableau.");
            if (string.IsNullOrEmpty(uri.Host))
                return (ErrorIds.InvalidDestinationUrl, "has no host: give one after https://, such as https://hooks.example.com/tableau.");
            if (uri.Scheme != Uri.UriSchemeHttps)
                return (ErrorIds.InsecureDestinationUrl, "uses http://; Tableau delivers webhooks only to https:// URLs with a valid certificate.");
            return null;
        }

        /// <summary>
        /// The URL as messages may show it: without its user information ("https://…@hooks.example.com/x"), and with control
        /// characters shown as '?', so that neither a password nor a line break reaches a message.
        /// </summary>
        public static string Display(string? url)
        {
            var text = url ?? "";
            var end = UserInfoEnd(text);
            if (end >= 0)
            {
                var start = text.IndexOf("://", StringComparison.Ordinal);
                var kept = start < 0 ? 0 : start + 3;
                text = text.Substring(0, kept) + "…" + text.Substring(end);
            }
            var chars = text.ToCharArray();
            for (var i = 0; i < chars.Length; i++)
                if (char.IsControl(chars[i])) chars[i] = '?';
            return new string(chars);
        }

        /// <summary>
        /// Where the '@' ending user information is (the last '@' of the part before the path, query or fragment, after
        /// "scheme://" when there is one); -1 when there is none. Read from the text, not System.Uri, so that a URL Uri cannot
        /// parse is still recognised and never echoed.
        /// </summary>
        private static int UserInfoEnd(string text)
        {
            var separator = text.IndexOf("://", StringComparison.Ordinal);
            var start = separator < 0 ? 0 : separator + 3;
            var end = text.IndexOfAny(new[] { '/', '?', '#', '\\' }, start);
            if (end < 0) end = text.Length;
            return end <= start ? -1 : text.LastIndexOf('@', end - 1, end - start);
        }

        private static string AuthorityOf(string text, int separator)
        {
            var start = separator + 3;
            var end = text.IndexOfAny(new[] { '/', '?', '#', '\\' }, start);
            return end < 0 ? text.Substring(start) : text.Substring(start, end - start);
        }
    }
}
