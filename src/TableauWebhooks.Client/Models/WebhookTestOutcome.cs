namespace TableauWebhooks.Client.Models
{
    /// <summary>Tableau's webhookTestResult: what the destination answered when Tableau posted the test payload.</summary>
    public sealed class WebhookTestOutcome
    {
        public string WebhookId { get; set; } = "";
        /// <summary>The destination's HTTP status, or a status Tableau synthesised (408 when it could not connect).</summary>
        public int DestinationStatus { get; set; }
        public string Body { get; set; } = "";
    }
}
