using System;

namespace TableauWebhooks.Client.Models
{
    /// <summary>A webhook as Tableau describes it, whichever wire format it arrived in.</summary>
    public sealed class WebhookInfo
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        /// <summary>The new-style event name (e.g. DatasourceRefreshFailed) when known; otherwise the raw name the server sent.</summary>
        public string Event { get; set; } = "";
        /// <summary>The legacy webhook-source element name (e.g. webhook-source-event-datasource-refresh-failed), when known.</summary>
        public string? LegacyEventName { get; set; }
        public string DestinationUrl { get; set; } = "";
        /// <summary>Servers below Update Webhook (ApiGates.UpdateWebhook) do not report the flag: they only have enabled webhooks.</summary>
        public bool Enabled { get; set; } = true;
        public string StatusChangeReason { get; set; } = "";
        public string? OwnerId { get; set; }
        public string? OwnerName { get; set; }
        public DateTimeOffset? CreatedAt { get; set; }
        public DateTimeOffset? UpdatedAt { get; set; }
    }
}
