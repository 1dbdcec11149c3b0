namespace TableauWebhooks.Client.Models
{
    /// <summary>A partial update: only the non-null members are sent to Tableau.</summary>
    public sealed class WebhookUpdateRequest
    {
        public string? Name { get; set; }
        public string? Event { get; set; }
        public string? DestinationUrl { get; set; }
        public bool? Enabled { get; set; }
        /// <summary>Only sent together with Enabled = false (Tableau rejects a reason on an enabled webhook with 400127).</summary>
        public string? StatusChangeReason { get; set; }

        public bool IsEmpty => Name == null && Event == null && DestinationUrl == null && Enabled == null;
    }
}
