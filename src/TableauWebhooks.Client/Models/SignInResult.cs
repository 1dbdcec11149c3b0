using System;

namespace TableauWebhooks.Client.Models
{
    /// <summary>The credentials element of a sign-in or switchSite response. The token stays inside the client.</summary>
    public sealed class SignInResult
    {
        internal string Token { get; set; } = "";
        public string SiteId { get; set; } = "";
        public string SiteContentUrl { get; set; } = "";
        public string UserId { get; set; } = "";
        /// <summary>estimatedTimeToExpiration as the server sent it (format not documented; informational only).</summary>
        public string? EstimatedTimeToExpiration { get; set; }
    }
}
