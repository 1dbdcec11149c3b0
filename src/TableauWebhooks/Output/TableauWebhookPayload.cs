using System;
using TableauWebhooks.Client.Events;

namespace TableauWebhooks.Output
{
    /// <summary>
    /// An event Tableau posted to a webhook's destination, as ConvertFrom-TableauWebhookPayload reads it. Every value comes
    /// from the payload as text and stays text: nothing in a payload is evaluated.
    /// </summary>
    public class TableauWebhookPayload
    {
        internal TableauWebhookPayload(WebhookPayload payload)
        {
            Event = payload.KnownEvent?.Name ?? payload.EventType;
            LegacyEventName = payload.KnownEvent?.LegacyName;
            IsKnownEvent = payload.KnownEvent != null;
            IsTest = payload.IsTest;
            ResourceType = payload.Resource;
            ResourceName = payload.ResourceName;
            ResourceId = payload.ResourceId;
            SiteId = payload.SiteId;
            _createdAt = payload.CreatedAt;
            Raw = payload.Raw;
        }

        /// <summary>The event's name as the catalog spells it (DatasourceRefreshFailed), or event_type as sent when the catalog does not know it.</summary>
        public string? Event { get; }
        /// <summary>The event's legacy name (webhook-source-event-datasource-refresh-failed); null for an unknown event.</summary>
        public string? LegacyEventName { get; }
        /// <summary>False when event_type is not an event this module knows (a newer Tableau, or not Tableau at all).</summary>
        public bool IsKnownEvent { get; }
        /// <summary>True for Tableau's test delivery (Test-TableauWebhook): an empty payload, with no event.</summary>
        public bool IsTest { get; }
        /// <summary>The payload's resource: DATASOURCE, WORKBOOK, EXTRACTS, VIEW, USER, SITE...</summary>
        public string? ResourceType { get; }
        public string? ResourceName { get; }
        /// <summary>The LUID of the data source, workbook, view or user the event is about.</summary>
        public string? ResourceId { get; }
        /// <summary>The LUID of the site (Get-TableauWebhook's SiteId).</summary>
        public string? SiteId { get; }
        /// <summary>When Tableau says the event happened (UTC); null when the payload has no readable created_at. A DateTimeOffset that prints as ISO 8601 (IsoTimestamp), in Export-Csv too, whatever the culture.</summary>
        public System.Management.Automation.PSObject? CreatedAt => IsoTimestamp.FromOffset(_createdAt);
        private readonly DateTimeOffset? _createdAt;
        /// <summary>The payload exactly as received.</summary>
        public string Raw { get; }

        public override string ToString() => IsTest ? "Test delivery" : $"{Event} {ResourceName}";
    }
}
