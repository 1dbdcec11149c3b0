using System.Collections.Generic;

namespace TableauWebhooks.Client.Documents
{
    /// <summary>
    /// The webhooks document (TableauWebhooks.webhooks.schema.json): its versions and its keys, which are exact
    /// (case-sensitive), as every JSON Schema validator reads them.
    /// </summary>
    public static class WebhookDocumentFormat
    {
        /// <summary>The version Export-TableauWebhook writes, and the newest this module reads.</summary>
        public const int CurrentVersion = 2;

        public const string FormatVersionKey = "formatVersion";
        public const string SitesKey = "sites";
        public const string WebhooksKey = "webhooks";

        public const string SiteKey = "Site";
        public const string NameKey = "Name";
        public const string EventKey = "Event";
        public const string DestinationUrlKey = "DestinationUrl";
        public const string EnabledKey = "Enabled";

        /// <summary>The keys of every entry, in the order Export-TableauWebhook writes them.</summary>
        public static IReadOnlyList<string> EntryKeys { get; } = new[] { SiteKey, NameKey, EventKey, DestinationUrlKey, EnabledKey };

        /// <summary>The keys of a document of <paramref name="version"/> (1: no sites list; 2: the sites it speaks for).</summary>
        public static IReadOnlyList<string> DocumentKeys(int version)
            => version >= 2 ? new[] { FormatVersionKey, SitesKey, WebhooksKey } : new[] { FormatVersionKey, WebhooksKey };
    }
}
