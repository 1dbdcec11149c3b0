using System;
using TableauWebhooks.Client.Http;

namespace TableauWebhooks.Sessions
{
    /// <summary>Site content URLs as Tableau compares them: without regard to case ("" is the Default site).</summary>
    internal static class SiteNames
    {
        public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

        public static bool Same(string? a, string? b) => Comparer.Equals(a ?? "", b ?? "");

        /// <summary>How messages name a site: "the Default site" or "site 'finance'" (the client's wording, one for both layers).</summary>
        public static string Describe(string? site) => ServerAddress.DescribeSite(site ?? "");
    }
}
