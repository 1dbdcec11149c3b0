namespace TableauWebhooks.Client.Models
{
    /// <summary>One site of Query Sites (GET /api/{v}/sites). ContentUrl "" is the default site.</summary>
    public sealed class SiteInfo
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string ContentUrl { get; set; } = "";
        /// <summary>Active or Suspended as the server sent it; null when absent.</summary>
        public string? State { get; set; }
    }
}
