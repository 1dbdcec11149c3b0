using System;

namespace TableauWebhooks.Sessions
{
    /// <summary>Site content URLs as Tableau compares them: without regard to case ("" is the Default site).</summary>
    internal static class SiteNames
    {
        public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

        public static bool Same(string? a, string? b) => Comparer.Equals(a ?? "", b ?? "");

        /// <summary>How messages name a site: "the Default site" or "site 'finance'".</summary>
        public static string Describe(string? site) => string.IsNullOrEmpty(site) ? "the Default site" : $"site '{site}'";
    }
}
