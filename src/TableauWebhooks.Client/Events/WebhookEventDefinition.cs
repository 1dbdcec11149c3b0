using System;

namespace TableauWebhooks.Client.Events
{
    /// <summary>One Tableau webhook trigger event, in both of its names.</summary>
    public sealed class WebhookEventDefinition
    {
        internal WebhookEventDefinition(string name, string legacyName, string resource, string tableauVersion, Version apiVersion, string description)
        {
            Name = name;
            LegacyName = legacyName;
            Resource = resource;
            IntroducedInTableau = tableauVersion;
            IntroducedInApi = apiVersion;
            Description = description;
        }

        /// <summary>The name used in the event attribute (API 3.9+), e.g. DatasourceRefreshFailed.</summary>
        public string Name { get; }
        /// <summary>The webhook-source element name, e.g. webhook-source-event-datasource-refresh-failed.</summary>
        public string LegacyName { get; }
        /// <summary>The payload's resource field for this event.</summary>
        public string Resource { get; }
        public string IntroducedInTableau { get; }
        public Version IntroducedInApi { get; }
        public string Description { get; }
    }
}
