using System;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Client.Versions
{
    /// <summary>
    /// Settles the REST API version for a session from what the server offers and what the caller asked for: at most
    /// <see cref="ApiGates.Newest"/> unless asked, never below <see cref="ApiGates.Webhooks"/>.
    /// </summary>
    internal static class ApiVersionSelection
    {
        public static Version Choose(ServerInfo server, Version? requested)
        {
            var webhooks = ApiGates.Webhooks;
            var offered = server.RestApiVersion;
            var product = string.IsNullOrEmpty(server.ProductVersion) ? "" : $" (Tableau {server.ProductVersion})";
            if (requested != null && Normalize(requested) > offered)
                throw new TableauException(TableauErrorKind.NotSupported, ErrorIds.ApiVersionNotSupported,
                    $"REST API version {ClientErrors.Format(requested)} was requested, but the server{product} supports at most {ClientErrors.Format(offered)}. Ask for {ClientErrors.Format(offered)} or lower, or leave the version out.")
                { ServerApiVersion = Normalize(offered) };
            if (!webhooks.IsOpenAt(offered))
                throw ClientErrors.NotSupported(ErrorIds.WebhooksNotSupported,
                    $"The server{product} supports REST API {ClientErrors.Format(offered)}; webhooks need API {ClientErrors.Format(webhooks.Api)} (Tableau Server {webhooks.TableauRelease}) or later.");
            var chosen = requested != null ? Normalize(requested) : (offered < ApiGates.Newest ? offered : ApiGates.Newest);
            if (!webhooks.IsOpenAt(chosen))
                throw ClientErrors.NotSupported(ErrorIds.WebhooksNotSupported,
                    $"REST API version {ClientErrors.Format(chosen)} was requested; webhooks need API {ClientErrors.Format(webhooks.Api)} (Tableau Server {webhooks.TableauRelease}) or later.");
            return chosen;
        }

        private static Version Normalize(Version v) => new Version(v.Major, Math.Max(0, v.Minor));
    }
}
