namespace TableauWebhooks.Client.Models
{
    /// <summary>What Create Webhook needs. Event may be given in either form; the client sends the form the API version accepts.</summary>
    public sealed class WebhookCreateRequest
    {
        public string Name { get; set; } = "";
        public string Event { get; set; } = "";
        public string DestinationUrl { get; set; } = "";
        /// <summary>Null leaves the server default (enabled). False creates the webhook disabled.</summary>
        public bool? Enabled { get; set; }
    }
}
