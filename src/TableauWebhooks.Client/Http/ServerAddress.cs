using System;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Http
{
    /// <summary>Validates and normalises the server URL before anything is sent, so a typo fails with advice, not a DNS error.</summary>
    internal static class ServerAddress
    {
        public static Uri Normalize(Uri? serverUrl)
        {
            if (serverUrl == null)
                throw ClientErrors.InvalidArgument("InvalidServerUrl", "The server URL is missing; give one such as https://tableau.example.com.");
            var original = serverUrl.OriginalString.Trim();
            // "tableau.example.com" is relative; "tableau.example.com:8000" parses with the host name as its scheme.
            if (!serverUrl.IsAbsoluteUri || (serverUrl.Scheme != Uri.UriSchemeHttp && serverUrl.Scheme != Uri.UriSchemeHttps))
            {
                var hint = original.Length > 0 && original.IndexOf("://", StringComparison.Ordinal) < 0
                    ? $" Did you mean https://{original.TrimEnd('/')}?"
                    : "";
                throw ClientErrors.InvalidArgument("InvalidServerUrl",
                    $"The server URL '{original}' is not an absolute http:// or https:// URL.{hint}");
            }
            if (string.IsNullOrEmpty(serverUrl.Host))
                throw ClientErrors.InvalidArgument("InvalidServerUrl", $"The server URL '{original}' has no host name.");
            // Keep any path prefix (a reverse proxy may publish Tableau under one) but drop query, fragment and trailing slash.
            var builder = new UriBuilder(serverUrl.Scheme, serverUrl.Host, serverUrl.Port, serverUrl.AbsolutePath.TrimEnd('/'));
            return new Uri(builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        }

        /// <summary>The absolute URI of an API path ("/api/3.9/...") under the server root.</summary>
        public static Uri Combine(Uri serverRoot, string apiPath) => new Uri(serverRoot.GetLeftPart(UriPartial.Path).TrimEnd('/') + apiPath);
    }
}
