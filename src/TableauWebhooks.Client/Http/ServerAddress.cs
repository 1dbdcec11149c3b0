using System;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// Validates and normalises the server URL before anything is sent, so a typo fails with advice, not a DNS error.
    /// The one place a server address is checked: the cmdlets parse what users type with <see cref="Parse"/>.
    /// </summary>
    public static class ServerAddress
    {
        /// <summary>The server root from what a user typed ("https://tableau.example.com/", "tableau.example.com"...).</summary>
        /// <exception cref="TableauException">InvalidServerUrl, saying what is wrong and what to give instead.</exception>
        public static Uri Parse(string? text)
        {
            var trimmed = (text ?? "").Trim();
            if (trimmed.Length == 0) return Normalize(null);
            if (!Uri.TryCreate(trimmed, UriKind.RelativeOrAbsolute, out var uri))
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl,
                    $"'{trimmed}' is not a server URL. Give the full address with its scheme, for example https://tableau.example.com.");
            return Normalize(uri);
        }

        public static Uri Normalize(Uri? serverUrl)
        {
            if (serverUrl == null)
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl, "The server URL is missing; give one such as https://tableau.example.com.");
            var original = serverUrl.OriginalString.Trim();
            // "tableau.example.com" is relative; "tableau.example.com:8000" parses with the host name as its scheme.
            if (!serverUrl.IsAbsoluteUri || (serverUrl.Scheme != Uri.UriSchemeHttp && serverUrl.Scheme != Uri.UriSchemeHttps))
            {
                var hint = original.Length > 0 && original.IndexOf("://", StringComparison.Ordinal) < 0
                    ? $" Did you mean https://{original.TrimEnd('/')}?"
                    : "";
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl,
                    $"The server URL '{original}' is not an absolute http:// or https:// URL.{hint}");
            }
            if (string.IsNullOrEmpty(serverUrl.Host))
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl, $"The server URL '{original}' has no host name.");
            // Keep any path prefix (a reverse proxy may publish Tableau under one) but drop query, fragment and trailing slash.
            var builder = new UriBuilder(serverUrl.Scheme, serverUrl.Host, serverUrl.Port, serverUrl.AbsolutePath.TrimEnd('/'));
            return new Uri(builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        }

        /// <summary>The absolute URI of an API path ("/api/3.9/...") under the server root.</summary>
        internal static Uri Combine(Uri serverRoot, string apiPath) => new Uri(serverRoot.GetLeftPart(UriPartial.Path).TrimEnd('/') + apiPath);
    }
}
