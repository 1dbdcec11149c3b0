using System;

namespace TableauWebhooks.Output
{
    /// <summary>What happened when Tableau posted its test payload to a webhook's destination.</summary>
    public sealed class TableauWebhookTestResult
    {
        internal TableauWebhookTestResult(Guid webhookId, string webhookName, string site, string destinationUrl, int status, string body)
        {
            WebhookId = webhookId;
            Site = site;
            WebhookName = webhookName;
            DestinationUrl = destinationUrl;
            Status = status;
            Body = body;
        }

        public Guid WebhookId { get; }
        public string WebhookName { get; }
        /// <summary>The contentUrl of the webhook's site ("" for the Default site): tests of -AllSites webhooks mix sites.</summary>
        public string Site { get; }
        public string DestinationUrl { get; }
        /// <summary>The destination's HTTP status, or 408 when Tableau could not connect to it.</summary>
        public int Status { get; }
        public string Body { get; }
        public bool Success => Status >= 200 && Status <= 299;

        public override string ToString() => $"{WebhookName}: {Status}";
    }
}
