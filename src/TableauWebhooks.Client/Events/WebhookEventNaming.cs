namespace TableauWebhooks.Client.Events
{
    /// <summary>
    /// How a webhook read from the server is named: the new-style name whenever the catalog knows it (from the event
    /// attribute, or mapped from the webhook-source child, webhook-event-* included); unknown names pass through raw so
    /// events newer than this module still show up.
    /// </summary>
    internal static class WebhookEventNaming
    {
        public static void Resolve(string? eventAttribute, string? sourceElement, out string eventName, out string? legacyName)
        {
            WebhookEventDefinition? known = null;
            if (!string.IsNullOrWhiteSpace(eventAttribute)) WebhookEventCatalog.TryFind(eventAttribute, out known);
            if (known == null && !string.IsNullOrWhiteSpace(sourceElement)) WebhookEventCatalog.TryFind(sourceElement, out known);

            if (known != null)
            {
                eventName = known.Name;
                legacyName = known.LegacyName;
                return;
            }
            eventName = !string.IsNullOrWhiteSpace(eventAttribute) ? eventAttribute!.Trim() : (sourceElement ?? "");
            legacyName = string.IsNullOrWhiteSpace(sourceElement) ? null : sourceElement;
        }
    }
}
