using System;
using TableauWebhooks.Client.Events;

namespace TableauWebhooks.Output
{
    /// <summary>One of Tableau's webhook trigger events, with both of its names and when it appeared.</summary>
    public sealed class TableauWebhookEvent
    {
        internal TableauWebhookEvent(WebhookEventDefinition definition)
        {
            Name = definition.Name;
            LegacyName = definition.LegacyName;
            Resource = definition.Resource;
            IntroducedInTableau = definition.IntroducedInTableau;
            IntroducedInApi = definition.IntroducedInApi;
            Description = definition.Description;
        }

        /// <summary>The event attribute's name (API 3.9+), e.g. DatasourceRefreshFailed.</summary>
        public string Name { get; }
        /// <summary>The webhook-source element name older servers use, e.g. webhook-source-event-datasource-refresh-failed.</summary>
        public string LegacyName { get; }
        /// <summary>The payload's resource field for this event (DATASOURCE, WORKBOOK, EXTRACTS, ...).</summary>
        public string Resource { get; }
        public string IntroducedInTableau { get; }
        public Version IntroducedInApi { get; }
        public string Description { get; }

        public override string ToString() => Name;
    }
}
