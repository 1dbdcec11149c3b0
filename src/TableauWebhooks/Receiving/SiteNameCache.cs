using System;
using System.Collections.Generic;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// The sites a receiver has read, by LUID: Tableau's payload names its site only by site_luid, so the receiver reads the
    /// server's sites (Query Sites) once, when an event comes from a site it does not know, and keeps them for the run. A
    /// site still unknown after that (created since, or not visible to the session) is asked about again at most every
    /// AskAgainAfter, so a stream of events cannot turn into a stream of requests.
    /// </summary>
    internal sealed class SiteNameCache
    {
        public static readonly TimeSpan AskAgainAfter = TimeSpan.FromMinutes(5);

        private readonly Dictionary<string, SiteInfo> _sites = new Dictionary<string, SiteInfo>(StringComparer.OrdinalIgnoreCase);
        private DateTimeOffset? _askedAt;

        public bool TryGet(string siteId, out SiteInfo site) => _sites.TryGetValue(siteId, out site!);

        /// <summary>Whether to read the sites now for a site not known: never read yet, or not since AskAgainAfter.</summary>
        public bool ShouldAsk(DateTimeOffset now) => !_askedAt.HasValue || now - _askedAt.Value >= AskAgainAfter;

        /// <summary>A read was made (whether it worked or not): the next waits AskAgainAfter.</summary>
        public void Asked(DateTimeOffset now, IEnumerable<SiteInfo>? sites)
        {
            _askedAt = now;
            if (sites == null) return;
            foreach (var site in sites) _sites[site.Id] = site;
        }
    }
}
