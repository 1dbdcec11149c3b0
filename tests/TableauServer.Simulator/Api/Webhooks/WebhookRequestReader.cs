using System;
using TableauServer.Simulator.Events;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api.Webhooks;

/// <summary>
/// Reads and validates the <c>&lt;webhook&gt;</c> of a Create/Update body (reference §2.1, §2.6).
/// Tableau's codes for these failures are UNVERIFIED, so each is 400000 with a specific detail.
/// What a server accepts depends on ITS restApiVersion: <c>event</c> from 3.9, <c>isEnabled</c> from 3.8,
/// admin events from 3.11 (what older servers do with those attributes is UNVERIFIED; we refuse them).
/// </summary>
internal static class WebhookRequestReader
{
    public static WebhookFields Read(WireElement body, ApiVersion serverVersion)
    {
        var webhook = body.Child("webhook") ?? throw ApiErrors.BadRequest("The request body must contain a webhook element.");

        var name = webhook.GetAttribute("name");
        if (name is not null && string.IsNullOrWhiteSpace(name))
        {
            throw ApiErrors.BadRequest("The webhook name must not be empty.");
        }

        var trigger = ReadEvent(webhook, serverVersion);
        var url = ReadUrl(webhook);

        // The XSD of API 3.15 named the flag "enabled"; every wire example uses "isEnabled". Accept both.
        var enabledText = webhook.GetAttribute("isEnabled") ?? webhook.GetAttribute("enabled");
        bool? isEnabled = null;
        if (enabledText is not null)
        {
            if (serverVersion < ApiVersion.UpdateWebhook)
            {
                throw ApiErrors.BadRequest($"'isEnabled' is not a known attribute of webhook in REST API {serverVersion}.");
            }

            isEnabled = WireValue.ParseBoolean(enabledText)
                ?? throw ApiErrors.BadRequest($"isEnabled must be true or false, not '{enabledText}'.");
        }

        return new WebhookFields(name, trigger, url, isEnabled, webhook.GetAttribute("statusChangeReason"));
    }

    /// <summary>The event comes from the event attribute and/or the webhook-source child; when both are given they must agree.</summary>
    private static WebhookEvent? ReadEvent(WireElement webhook, ApiVersion serverVersion)
    {
        WebhookEvent? fromAttribute = null;
        if (webhook.GetAttribute("event") is { } eventName)
        {
            if (serverVersion < ApiVersion.EventAttribute)
            {
                throw ApiErrors.BadRequest($"'event' is not a known attribute of webhook in REST API {serverVersion}; use webhook-source.");
            }

            fromAttribute = WebhookEventCatalog.FindByName(eventName)
                ?? throw ApiErrors.BadRequest($"'{eventName}' is not a valid webhook event.");
        }

        WebhookEvent? fromSource = null;
        if (webhook.Child("webhook-source") is { } source)
        {
            if (source.Children.Count != 1)
            {
                throw ApiErrors.BadRequest("webhook-source must contain exactly one event element.");
            }

            var element = source.Children[0].Name;
            fromSource = WebhookEventCatalog.FindBySourceElement(element)
                ?? throw ApiErrors.BadRequest($"'{element}' is not a valid webhook-source event.");
        }

        if (fromAttribute is not null && fromSource is not null && fromAttribute != fromSource)
        {
            throw ApiErrors.BadRequest(
                $"The event '{fromAttribute.Name}' does not match the webhook-source event '{fromSource.SourceElement}'.");
        }

        var trigger = fromAttribute ?? fromSource;
        if (trigger is not null && serverVersion < trigger.MinApiVersion)
        {
            throw ApiErrors.BadRequest($"The event '{trigger.Name}' requires REST API {trigger.MinApiVersion} or later.");
        }

        return trigger;
    }

    /// <summary>The destination must be an absolute https URL with a host ("must be https and have a valid certificate").</summary>
    private static string? ReadUrl(WireElement webhook)
    {
        if (webhook.Child("webhook-destination") is not { } destination)
        {
            return null;
        }

        var http = destination.Child("webhook-destination-http")
            ?? throw ApiErrors.BadRequest("webhook-destination must contain a webhook-destination-http element.");
        var method = http.GetAttribute("method");
        if (method is not null && !method.Equals("POST", StringComparison.OrdinalIgnoreCase))
        {
            throw ApiErrors.BadRequest($"The webhook destination method must be POST, not '{method}'.");
        }

        var url = http.GetAttribute("url");
        if (string.IsNullOrWhiteSpace(url))
        {
            throw ApiErrors.BadRequest("The webhook destination url is required.");
        }

        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != Uri.UriSchemeHttps || string.IsNullOrEmpty(uri.Host))
        {
            throw ApiErrors.BadRequest($"The webhook destination url must be an absolute https:// URL, not '{url}'.");
        }

        return url;
    }

}
