using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Serialization;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Webhooks;

namespace TableauWebhooks.Client
{
    // The six webhook methods. Validation and version gates run before anything is sent.
    public sealed partial class TableauRestClient
    {
        private static readonly int[] Created = { 201 };
        // Tableau documents 201 for Update; other clients and servers answer 200.
        private static readonly int[] Updated = { 200, 201 };

        private static string WebhooksPath(SessionState session) => $"sites/{session.SiteId}/webhooks";

        /// <summary>
        /// List Webhooks is documented without paging: the first request carries no paging parameters, and later pages
        /// are asked for only if the server sent a pagination element anyway.
        /// </summary>
        public Task<IReadOnlyList<WebhookInfo>> ListWebhooksAsync(CancellationToken cancellationToken)
            => ReadAllPagesAsync((s, pageNumber) => WebhooksPath(s) + (pageNumber == 1 ? "" : $"?pageNumber={pageNumber}"),
                r => r.ReadWebhooks(), cancellationToken);

        public async Task<WebhookInfo> GetWebhookAsync(string webhookId, CancellationToken cancellationToken)
        {
            var id = WebhookRequestValidator.ValidWebhookId(webhookId);
            return await SendAuthenticatedAsync(HttpMethod.Get, s => $"{WebhooksPath(s)}/{id}", null, Ok, r => r.ReadWebhook(), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>
        /// A create is not blindly repeated: after 429/503 (the server did not act) it is; after an attempt that may have
        /// been carried out (dropped or timed out after sending, 502/504, unreadable 201) the site's webhooks are listed
        /// first and the identical webhook this create made, if there, is returned instead of creating a second one.
        /// </summary>
        public async Task<WebhookInfo> CreateWebhookAsync(WebhookCreateRequest request, CancellationToken cancellationToken)
        {
            RequireSession();
            var validated = WebhookRequestValidator.ForCreate(request, _apiVersion);
            var body = JsonRequestWriter.Webhook(validated);
            var firstSent = Stopwatch.GetTimestamp();
            return await _retry.RunAsync(false,
                attempt => SendWithSessionAsync(HttpMethod.Post, WebhooksPath, body, Created, r => r.ReadWebhook(), attempt, cancellationToken),
                () => FindCreatedAsync(validated, firstSent, cancellationToken), cancellationToken).ConfigureAwait(false);
        }

        // Date headers and createdAt both have one-second resolution: a webhook made by this create can carry a createdAt
        // up to that much before the server time estimated for its first attempt, and the estimate itself can be a second early.
        private static readonly TimeSpan ClockResolution = TimeSpan.FromSeconds(2);

        /// <summary>
        /// Looks for the webhook an attempt of unknown outcome may have made: same name, same event (either name form) and
        /// same destination, created no earlier than the server's time when the first attempt was sent (from the Date
        /// headers of its answers). An identical webhook that existed before is someone else's: the create was not made, so
        /// it is sent again. When the server's time or a createdAt is not known, nothing can tell them apart, and the
        /// outcome is reported as unknown rather than guessed.
        /// </summary>
        private async Task<(bool Found, WebhookInfo Value)> FindCreatedAsync(WebhookBody wanted, long firstSent, CancellationToken cancellationToken)
        {
            IReadOnlyList<WebhookInfo> existing;
            try
            {
                existing = await ListWebhooksAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (TableauException ex)
            {
                // Creating again without knowing could make a duplicate: stop and say so.
                throw ex.WithMessage("Creating the webhook may or may not have worked (the answer was lost), and listing the site's webhooks to check failed: "
                                     + ex.Message + " List the webhooks before creating it again.");
            }

            var identical = existing.Where(w => IsSameWebhook(w, wanted)).ToList();
            if (identical.Count == 0)
            {
                _transport.Trace("create outcome unknown; no such webhook on the site, so it was not created");
                return (false, null!);
            }

            var clock = _transport.ServerClock;
            if (clock == null || identical.Any(w => w.CreatedAt == null))
                throw ClientErrors.CreateOutcomeUnknown(wanted.Name ?? "", identical.Select(w => w.Id));
            var earliest = clock.ServerTimeAt(firstSent) - ClockResolution;
            var made = identical.Where(w => w.CreatedAt >= earliest).OrderByDescending(w => w.CreatedAt).FirstOrDefault();
            if (made != null)
            {
                _transport.Trace($"create outcome unknown; found the webhook it made: {made.Id}");
                return (true, made);
            }
            _transport.Trace($"create outcome unknown; the identical webhook {string.Join(", ", identical.Select(w => w.Id))} existed before this create, so it was not created");
            return (false, null!);
        }

        private static bool IsSameWebhook(WebhookInfo webhook, WebhookBody wanted)
        {
            if (!string.Equals(webhook.Name, wanted.Name, StringComparison.Ordinal)) return false;
            if (!string.Equals(webhook.DestinationUrl.Trim(), wanted.DestinationUrl?.Trim(), StringComparison.Ordinal)) return false;
            // Compare via the catalog so the new name matches the legacy element and vice versa.
            var found = WebhookEventCatalog.Find(webhook.Event) ?? WebhookEventCatalog.Find(webhook.LegacyEventName);
            return found != null && wanted.Event != null && found.Name == wanted.Event.Name;
        }

        /// <summary>
        /// Checks a webhook as Create Webhook would before sending it (name, event known and open at <paramref name="api"/>,
        /// an https:// destination, a disabled state the API can express); throws the same TableauException it would.
        /// </summary>
        public static void ValidateWebhook(WebhookCreateRequest request, Version api) => WebhookRequestValidator.ForCreate(request, api);

        /// <summary>
        /// Checks a change as Update Webhook would before sending it (a server with Update Webhook, something to change,
        /// a name, event and destination it would send); throws the same TableauException it would.
        /// </summary>
        public static void ValidateWebhookUpdate(WebhookUpdateRequest request, Version api) => WebhookRequestValidator.ForUpdate(request, api);

        public async Task<WebhookInfo> UpdateWebhookAsync(string webhookId, WebhookUpdateRequest request, CancellationToken cancellationToken)
        {
            RequireSession();
            var validated = WebhookRequestValidator.ForUpdate(request, _apiVersion);
            var id = WebhookRequestValidator.ValidWebhookId(webhookId);
            var body = JsonRequestWriter.Webhook(validated);
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
            return await SendAuthenticatedAsync(HttpMethod.Get, s => $"{WebhooksPath(s)}/{id}/test", null, Ok, r => r.ReadTestResult(), cancellationToken, acts: true)
                .ConfigureAwait(false);
        }

        public async Task DeleteWebhookAsync(string webhookId, CancellationToken cancellationToken)
        {
            var id = WebhookRequestValidator.ValidWebhookId(webhookId);
            RequireSession();
            await _retry.RunAsync<object?>(true, async attempt =>
            {
                try
                {
                    return await SendWithSessionAsync<object?>(HttpMethod.Delete, s => $"{WebhooksPath(s)}/{id}", null, NoContent, null, attempt, cancellationToken)
                        .ConfigureAwait(false);
                }
                catch (TableauException ex) when (ex.HttpStatus == 404 && attempt.EarlierOutcomeUnknown)
                {
                    // An earlier attempt whose answer was lost deleted it: the goal is met.
                    _transport.Trace(ex.Attempt + "; an earlier attempt's answer was lost, so it deleted the webhook");
                    return null;
                }
            }, null, cancellationToken).ConfigureAwait(false);
        }
    }
}
