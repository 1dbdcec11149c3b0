using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Client
{
    // The six webhook methods. Validation and version gates run before anything is sent.
    public sealed partial class TableauRestClient
    {
        private static readonly int[] Created = { 201 };
        // Tableau documents 201 for Update; other clients and servers answer 200.
        private static readonly int[] Updated = { 200, 201 };
        // A bound on paging through a misbehaving server; far above any real site's webhook count.
        private const int MaxPages = 1000;

        private static string WebhooksPath(SessionState session) => $"sites/{session.SiteId}/webhooks";

        public async Task<IReadOnlyList<WebhookInfo>> ListWebhooksAsync(CancellationToken cancellationToken)
        {
            var all = new List<WebhookInfo>();
            for (var pageNumber = 1; ; pageNumber++)
            {
                // The first request carries no paging parameters, as documented; later ones only if the server paged.
                var query = pageNumber == 1 ? "" : $"?pageNumber={pageNumber}";
                var (items, page) = await SendAuthenticatedAsync(HttpMethod.Get, s => WebhooksPath(s) + query, null, Ok,
                    r => (r.ReadWebhooks(), r.ReadPagination()), cancellationToken).ConfigureAwait(false);
                all.AddRange(items);
                if (page == null || items.Count == 0 || all.Count >= page.TotalAvailable || pageNumber >= MaxPages) return all;
            }
        }

        public async Task<WebhookInfo> GetWebhookAsync(string webhookId, CancellationToken cancellationToken)
        {
            var id = WebhookRequestValidator.ValidWebhookId(webhookId);
            return await SendAuthenticatedAsync(HttpMethod.Get, s => $"{WebhooksPath(s)}/{id}", null, Ok, r => r.ReadWebhook(), cancellationToken).ConfigureAwait(false);
        }

        public async Task<WebhookInfo> CreateWebhookAsync(WebhookCreateRequest request, CancellationToken cancellationToken)
        {
            RequireSession();
            var body = _transport.Writer.Webhook(WebhookRequestValidator.ForCreate(request, _apiVersion));
            return await SendAuthenticatedAsync(HttpMethod.Post, WebhooksPath, body, Created, r => r.ReadWebhook(), cancellationToken).ConfigureAwait(false);
        }

        public async Task<WebhookInfo> UpdateWebhookAsync(string webhookId, WebhookUpdateRequest request, CancellationToken cancellationToken)
        {
            RequireSession();
            var validated = WebhookRequestValidator.ForUpdate(request, _apiVersion);
            var id = WebhookRequestValidator.ValidWebhookId(webhookId);
            var body = _transport.Writer.Webhook(validated);
            var updated = await SendAuthenticatedAsync(HttpMethod.Put, s => $"{WebhooksPath(s)}/{id}", body, Updated, r => r.ReadWebhook(), cancellationToken).ConfigureAwait(false);
            // Some servers answer a PUT with a partial webhook; keep what we just set rather than report it blank.
            if (updated.Id.Length == 0) updated.Id = id;
            if (updated.Name.Length == 0 && validated.Name != null) updated.Name = validated.Name;
            if (updated.DestinationUrl.Length == 0 && validated.DestinationUrl != null) updated.DestinationUrl = validated.DestinationUrl;
            return updated;
        }

        /// <summary>Tableau posts an empty payload to the destination; the outcome carries the destination's status.</summary>
        public async Task<WebhookTestOutcome> TestWebhookAsync(string webhookId, CancellationToken cancellationToken)
        {
            var id = WebhookRequestValidator.ValidWebhookId(webhookId);
            return await SendAuthenticatedAsync(HttpMethod.Get, s => $"{WebhooksPath(s)}/{id}/test", null, Ok, r => r.ReadTestResult(), cancellationToken).ConfigureAwait(false);
        }

        public async Task DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken)
        {
            var id = WebhookRequestValidator.ValidWebhookId(webhookId);
            await SendAuthenticatedAsync<object?>(HttpMethod.Delete, s => $"{WebhooksPath(s)}/{id}", null, NoContent, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
