using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Sync
{
    /// <summary>
    /// One webhook as the document says it should be, on the server's side of the maps: its site after -SiteMap, its
    /// destination after -DestinationUrlMap. Every entry has passed the document's rules; Problem is what this server
    /// cannot do (an event newer than its API), and the entry still names its webhook, so -Prune never removes it.
    /// </summary>
    internal sealed class SyncEntry
    {
        public SyncEntry(string location, string site, string name, string eventName, string destinationUrl, bool enabled)
        {
            Location = location;
            Site = site;
            Name = name;
            Event = eventName;
            DestinationUrl = destinationUrl;
            Enabled = enabled;
        }

        /// <summary>Where the document has it: "'/work/hooks.json', line 14, webhooks[3] ('nightly')".</summary>
        public string Location { get; }
        /// <summary>The site's contentUrl after -SiteMap ("" is the Default site).</summary>
        public string Site { get; }
        public string Name { get; }
        /// <summary>The event's name, as the catalog spells it.</summary>
        public string Event { get; }
        /// <summary>The destination after -DestinationUrlMap.</summary>
        public string DestinationUrl { get; }
        public bool Enabled { get; }
        /// <summary>Why this server cannot take the entry as written; null when it can.</summary>
        public string? Problem { get; set; }
        /// <summary>The ErrorId for <see cref="Problem"/>.</summary>
        public string? ProblemId { get; set; }

        /// <summary>The create request for this entry, as the sync sends it and as it is checked before anything is sent.</summary>
        public WebhookCreateRequest ToCreateRequest() => new WebhookCreateRequest
        {
            Name = Name,
            Event = Event,
            DestinationUrl = DestinationUrl,
            Enabled = Enabled ? (bool?)null : false,
        };
    }
}
