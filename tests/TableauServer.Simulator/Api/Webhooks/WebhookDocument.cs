using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api.Webhooks;

/// <summary>
/// A webhook as real servers return it: BOTH the event attribute (servers ≥ 3.9) and the legacy webhook-source
/// child, isEnabled/statusChangeReason (servers ≥ 3.8), createdAt/updatedAt, the destination and the owner.
/// </summary>
internal static class WebhookDocument
{
    public static WireElement For(WebhookSnapshot webhook, ApiVersion serverVersion)
    {
        var element = new WireElement("webhook").Attr("id", webhook.Id).Attr("name", webhook.Name);
        if (serverVersion >= ApiVersion.UpdateWebhook)
        {
            element.Attr("isEnabled", webhook.IsEnabled).Attr("statusChangeReason", webhook.StatusChangeReason);
        }

        if (serverVersion >= ApiVersion.EventAttribute)
        {
            element.Attr("event", webhook.Event);
        }

        element.Attr("createdAt", webhook.CreatedAt).Attr("updatedAt", webhook.UpdatedAt);
        element.Add(new WireElement("webhook-source").Add(new WireElement(webhook.SourceElement)));
        element.Add(new WireElement("webhook-destination")
            .Add(new WireElement("webhook-destination-http").Attr("method", "POST").Attr("url", webhook.Url)));
        element.Add(new WireElement("owner").Attr("id", webhook.OwnerId).Attr("name", webhook.OwnerName));
        return element;
    }
}
