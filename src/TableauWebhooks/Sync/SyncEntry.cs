using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Sync
{
    /// <summary>
    /// One webhook as the document says it should be. Site and Name say which webhook it is; an entry whose other
    /// fields are wrong still names it (so -Prune never removes a webhook the document lists), and carries the problem.
    /// </summary>
    internal sealed class SyncEntry
    {
        public SyncEntry(int number, string site, string name, string? eventName, string? destinationUrl, bool enabled, string? problem)
        {
            Number = number;
            Site = site;
            Name = name;
            Event = eventName;
            DestinationUrl = destinationUrl;
            Enabled = enabled;
            Problem = problem;
        }

        /// <summary>1-based position in the input, to name an entry that has no usable name.</summary>
        public int Number { get; }
        /// <summary>The site's contentUrl after -SiteMap ("" is the Default site).</summary>
        public string Site { get; }
        public string Name { get; }
        /// <summary>The event's new-style name, as the catalog spells it.</summary>
        public string? Event { get; }
        /// <summary>The destination after -DestinationUrlMap.</summary>
        public string? DestinationUrl { get; }
        public bool Enabled { get; }
        /// <summary>Why the entry cannot be applied as written; null when it can.</summary>
        public string? Problem { get; }
        /// <summary>The ErrorId for <see cref="Problem"/>.</summary>
        public string ProblemId { get; set; } = Client.Errors.ErrorIds.InvalidSyncEntry;
        /// <summary>
        /// <see cref="Problem"/> is a sentence of its own (the client's message), not words that follow the webhook's name
        /// ("has no Event.").
        /// </summary>
        public bool ProblemIsSentence { get; set; }
        /// <summary>
        /// False when the entry's Site could not be read (a number, a list...): it names no site, so it must not make one
        /// covered, where -Prune would remove every webhook the document does not list.
        /// </summary>
        public bool SiteKnown { get; set; } = true;

        /// <summary>The create request for this entry, as the sync sends it and as it is checked before anything is sent.</summary>
        public WebhookCreateRequest ToCreateRequest() => new WebhookCreateRequest
        {
            Name = Name,
            Event = Event ?? "",
            DestinationUrl = DestinationUrl ?? "",
            Enabled = Enabled ? (bool?)null : false,
        };
    }
}
