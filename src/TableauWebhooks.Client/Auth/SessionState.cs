using System;

namespace TableauWebhooks.Client.Auth
{
    /// <summary>
    /// What a sign-in or site switch yields. Replaced as a whole (never mutated) so concurrent requests always see a
    /// consistent token/site pair. ToString leaves the token out on purpose.
    /// </summary>
    internal sealed class SessionState
    {
        public SessionState(string token, string siteId, string siteContentUrl, string userId, string? userName, DateTimeOffset? estimatedExpiry)
        {
            EstimatedExpiry = estimatedExpiry;
            Token = token;
            SiteId = siteId;
            SiteContentUrl = siteContentUrl;
            UserId = userId;
            UserName = userName;
        }

        public string Token { get; }
        public string SiteId { get; }
        public string SiteContentUrl { get; }
        public string UserId { get; }
        public string? UserName { get; }
        public DateTimeOffset? EstimatedExpiry { get; }

        public override string ToString() => $"Session(site={SiteId}, user={UserId})";
    }
}
