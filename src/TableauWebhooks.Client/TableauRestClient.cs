using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Client
{
    /// <summary>
    /// A signed-in connection to one Tableau site. Thread-safe; every method is async, takes a CancellationToken
    /// and throws only TableauException (or OperationCanceledException when cancelled).
    /// </summary>
    public sealed partial class TableauRestClient : IDisposable
    {
        /// <summary>The highest REST API version this client was written against (Tableau Cloud, February 2026).</summary>
        public static readonly Version MaximumApiVersion = new Version(3, 28);
        /// <summary>Webhooks first appeared in API 3.6 (Tableau Server 2019.4).</summary>
        public static readonly Version MinimumApiVersion = new Version(3, 6);
        /// <summary>Update Webhook (and so enable/disable) needs API 3.8 (Tableau Server 2020.2).</summary>
        public static readonly Version UpdateWebhookMinimumApiVersion = new Version(3, 8);

        public static Task<ServerInfo> GetServerInfoAsync(TableauClientOptions options, CancellationToken cancellationToken)
            => throw new NotImplementedException();

        /// <summary>Reads serverinfo, settles the API version, signs in, and looks up the signed-in user's name.</summary>
        public static Task<TableauRestClient> SignInAsync(TableauClientOptions options, TableauSignInCredential credential, CancellationToken cancellationToken)
            => throw new NotImplementedException();

        public Uri ServerUrl => throw new NotImplementedException();
        public ServerInfo ServerInfo => throw new NotImplementedException();
        /// <summary>The API version used in every request URI.</summary>
        public Version ApiVersion => throw new NotImplementedException();
        public string SiteId => throw new NotImplementedException();
        public string SiteContentUrl => throw new NotImplementedException();
        public string UserId => throw new NotImplementedException();
        public string? UserName => throw new NotImplementedException();
        public string AuthenticationMethod => throw new NotImplementedException();
        public DateTimeOffset SignedInAt => throw new NotImplementedException();
        public bool IsSignedIn => throw new NotImplementedException();

        public Task<IReadOnlyList<WebhookInfo>> ListWebhooksAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<WebhookInfo> GetWebhookAsync(string webhookId, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<WebhookInfo> CreateWebhookAsync(WebhookCreateRequest request, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<WebhookInfo> UpdateWebhookAsync(string webhookId, WebhookUpdateRequest request, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task<WebhookTestOutcome> TestWebhookAsync(string webhookId, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task SwitchSiteAsync(string siteContentUrl, CancellationToken cancellationToken) => throw new NotImplementedException();
        public Task SignOutAsync(CancellationToken cancellationToken) => throw new NotImplementedException();
        public void Dispose() => throw new NotImplementedException();
    }
}
