using System;

namespace TableauServer.Simulator.Api.Webhooks;

/// <summary>What Create and Update do with validated fields (reference §2.1, §2.6).</summary>
internal static class WebhookRules
{
    /// <summary>The reason Tableau documents for a webhook a user disabled without giving one.</summary>
    public const string DisabledByUser = "Webhook disabled by user";

    public static WebhookSnapshot Create(WebhookFields fields, SimulatedSite site, SimulatedUser owner)
    {
        if (fields.Name is null)
        {
            throw ApiErrors.BadRequest("The webhook name is required.");
        }

        if (fields.Event is null)
        {
            throw ApiErrors.BadRequest("A webhook event is required: give the event attribute or a webhook-source element.");
        }

        if (fields.Url is null)
        {
            throw ApiErrors.BadRequest("The webhook destination url is required.");
        }

        // Tableau engineers: statusChangeReason "should not be part of the create endpoint".
        if (fields.StatusChangeReason is not null)
        {
            throw ApiErrors.BadRequest("statusChangeReason cannot be given when creating a webhook.");
        }

        var enabled = fields.IsEnabled ?? true;
        var now = DateTimeOffset.UtcNow;
        return new WebhookSnapshot(
            Guid.NewGuid().ToString(), site.Id, fields.Name, fields.Event.Name, fields.Event.SourceElement, fields.Url,
            enabled, enabled ? "" : DisabledByUser, owner.Id, owner.Name, now, now);
    }

    /// <summary>Only what the body carried changes. A reason is only allowed when the webhook ends up disabled (else 400127).</summary>
    public static WebhookSnapshot Update(WebhookSnapshot current, WebhookFields fields)
    {
        var enabled = fields.IsEnabled ?? current.IsEnabled;
        var reason = fields.StatusChangeReason;
        if (!string.IsNullOrEmpty(reason) && enabled)
        {
            throw ApiErrors.StatusChangeReasonWhileEnabled();
        }

        string statusChangeReason;
        if (enabled)
        {
            statusChangeReason = "";
        }
        else if (!string.IsNullOrEmpty(reason))
        {
            statusChangeReason = reason;
        }
        else if (fields.IsEnabled == false && current.IsEnabled)
        {
            statusChangeReason = DisabledByUser;
        }
        else
        {
            statusChangeReason = string.IsNullOrEmpty(current.StatusChangeReason) ? DisabledByUser : current.StatusChangeReason;
        }

        return current with
        {
            Name = fields.Name ?? current.Name,
            Event = fields.Event?.Name ?? current.Event,
            SourceElement = fields.Event?.SourceElement ?? current.SourceElement,
            Url = fields.Url ?? current.Url,
            IsEnabled = enabled,
            StatusChangeReason = statusChangeReason,
            UpdatedAt = DateTimeOffset.UtcNow,
        };
    }
}
