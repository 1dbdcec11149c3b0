using System;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Client.Auth
{
    /// <summary>Settles the REST API version for a session from what the server offers and what the caller asked for.</summary>
    internal static class ApiVersionSelection
    {
        public static Version Choose(ServerInfo server, Version? requested, Version clientMaximum, Version webhooksMinimum)
        {
            var offered = server.RestApiVersion;
            var product = string.IsNullOrEmpty(server.ProductVersion) ? "" : $" (Tableau {server.ProductVersion})";
            if (requested != null && Normalize(requested) > offered)
                throw ClientErrors.NotSupported("ApiVersionNotSupported",
                    $"REST API version {ClientErrors.Format(requested)} was requested, but the server{product} supports at most {ClientErrors.Format(offered)}. Ask for {ClientErrors.Format(offered)} or lower, or leave the version out.");
            if (offered < webhooksMinimum)
                throw ClientErrors.NotSupported("WebhooksNotSupported",
                    $"The server{product} supports REST API {ClientErrors.Format(offered)}; webhooks need API {ClientErrors.Format(webhooksMinimum)} (Tableau Server 2019.4) or later.");
            var chosen = requested != null ? Normalize(requested) : (offered < clientMaximum ? offered : clientMaximum);
            if (chosen < webhooksMinimum)
                throw ClientErrors.NotSupported("WebhooksNotSupported",
                    $"REST API version {ClientErrors.Format(chosen)} was requested; webhooks need API {ClientErrors.Format(webhooksMinimum)} (Tableau Server 2019.4) or later.");
            return chosen;
        }

        private static Version Normalize(Version v) => new Version(v.Major, Math.Max(0, v.Minor));
    }
}
