using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauServer.Simulator.Events;
using TableauServer.Simulator.State;

namespace TableauServer.Simulator.Delivery;

/// <summary>The outcome of delivering one event to one webhook.</summary>
internal sealed record WebhookDeliveryResult(string WebhookId, string Url, IReadOnlyList<int?> AttemptStatuses, bool Delivered, bool Disabled, string? LastFailure);

/// <summary>
/// Delivers an event to every enabled webhook of that event on the site. A non-2xx answer (or no answer) is
/// retried <see cref="SimulatorOptions.DeliveryRetries"/> times, each wait twice the one before
/// (<see cref="RetrySchedule"/>); when every attempt fails the webhook is disabled, which is how Tableau behaves
/// ("disabled after four failed re-tries").
/// </summary>
internal sealed class EventDispatcher
{
    private readonly SimulatorOptions options;
    private readonly WebhookStore store;
    private readonly WebhookSender sender;

    public EventDispatcher(SimulatorOptions options, WebhookStore store, WebhookSender sender)
    {
        this.options = options;
        this.store = store;
        this.sender = sender;
    }

    public async Task<IReadOnlyList<WebhookDeliveryResult>> DispatchAsync(SimulatedSite site, WebhookEvent trigger, string payload, CancellationToken cancellationToken)
    {
        var targets = store.ForSite(site.Id).Where(w => w.IsEnabled && w.Event == trigger.Name).ToList();
        return await Task.WhenAll(targets.Select(webhook => DeliverAsync(webhook, payload, cancellationToken)));
    }

    private async Task<WebhookDeliveryResult> DeliverAsync(WebhookSnapshot webhook, string payload, CancellationToken cancellationToken)
    {
        var statuses = new List<int?>();
        DeliveryOutcome? outcome = null;
        for (var attempt = 0; attempt <= options.DeliveryRetries; attempt++)
        {
            if (attempt > 0)
            {
                await Task.Delay(RetrySchedule.DelayBefore(attempt, options.DeliveryRetryDelay), cancellationToken);
            }

            outcome = await sender.PostJsonAsync(webhook.Url, payload, cancellationToken);
            statuses.Add(outcome.StatusCode);
            if (outcome.Succeeded)
            {
                return new WebhookDeliveryResult(webhook.Id, webhook.Url, statuses, Delivered: true, Disabled: false, LastFailure: null);
            }
        }

        var disabled = store.Update(webhook.SiteId, webhook.Id, current => current with
        {
            IsEnabled = false,
            StatusChangeReason = options.AutoDisableReason,
            UpdatedAt = DateTimeOffset.UtcNow,
        });
        var failure = outcome?.FailureReason ?? $"HTTP {outcome?.StatusCode}";
        return new WebhookDeliveryResult(webhook.Id, webhook.Url, statuses, Delivered: false, Disabled: disabled is not null, failure);
    }
}
