using System;

namespace TableauWebhooks.Client.Models
{
    /// <summary>GET /api/{v}/serverinfo: what the server runs and the highest REST API version it speaks.</summary>
    public sealed class ServerInfo
    {
        public string ProductVersion { get; set; } = "";
        public Version RestApiVersion { get; set; } = new Version(0, 0);
    }
}
