using System;
using TableauWebhooks.Client.Versions;

namespace TableauWebhooks.Client.Events
{
    /// <summary>One Tableau webhook trigger event, in both of its names.</summary>
    public sealed class WebhookEventDefinition
    {
        internal WebhookEventDefinition(string name, string legacyName, string resource, ApiGate introduced, string description)
        {
            Name = name;
            LegacyName = legacyName;
            Resource = resource;
            Introduced = introduced;
            Description = description;
        }

        /// <summary>The name used in the event attribute (ApiGates.EventAttribute), e.g. DatasourceRefreshFailed.</summary>
        public string Name { get; }
        /// <summary>The webhook-source element name, e.g. webhook-source-event-datasource-refresh-failed.</summary>
        public string LegacyName { get; }
        /// <summary>The payload's resource field for this event.</summary>
        public string Resource { get; }
        /// <summary>The API version and Tableau Server release that introduced the event (one of ApiGates).</summary>
        internal ApiGate Introduced { get; }
        public string IntroducedInTableau => Introduced.TableauRelease;
        public Version IntroducedInApi => Introduced.Api;
        public string Description { get; }
    }
}
