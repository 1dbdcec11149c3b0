using TableauWebhooks.Client.Events;

namespace TableauWebhooks.Client.Webhooks
{
    /// <summary>
    /// A validated create/update body with the event already resolved and the wire form chosen; null members are not sent.
    /// Built by WebhookRequestValidator so the request writer only decides syntax, never policy.
    /// </summary>
    internal sealed class WebhookBody
    {
        public string? Name { get; set; }
        public WebhookEventDefinition? Event { get; set; }
        /// <summary>True: send the event attribute (ApiGates.EventAttribute). False: send only the legacy webhook-source element.</summary>
        public bool UseEventAttribute { get; set; }
        public string? DestinationUrl { get; set; }
        public bool? Enabled { get; set; }
        /// <summary>Only ever set together with Enabled = false, and never on create.</summary>
        public string? StatusChangeReason { get; set; }
    }
}
