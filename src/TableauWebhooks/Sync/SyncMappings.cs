using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client.Documents;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Errors;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Sync
{
    /// <summary>
    /// What changes when webhooks move from one place to another, exactly: -SiteMap renames the document's sites (every
    /// key must be a site of the document), -DestinationUrlMap rewrites destinations that begin with a key, at a boundary
    /// (DestinationPrefix), the most specific key first.
    /// </summary>
    internal sealed class SyncMappings
    {
        private readonly Dictionary<string, string> _sites;
        private readonly List<(DestinationPrefix Prefix, string Replacement)> _destinations;
        private readonly HashSet<DestinationPrefix> _used = new HashSet<DestinationPrefix>();

        private SyncMappings(Dictionary<string, string> sites, List<(DestinationPrefix, string)> destinations)
        {
            _sites = sites;
            _destinations = destinations;
        }

        /// <summary>The maps as given; each key or value that cannot be used is an error in <paramref name="problems"/>.</summary>
        public static SyncMappings Create(IDictionary? siteMap, IDictionary? destinationUrlMap, List<ErrorRecord> problems)
        {
            var sites = new Dictionary<string, string>(SiteNames.Comparer);
            foreach (var (key, value) in ToPairs(siteMap)) sites[key] = value;

            var destinations = new List<(DestinationPrefix, string)>();
            foreach (var (key, value) in ToPairs(destinationUrlMap))
            {
                var prefix = DestinationPrefix.Parse(key, out var why);
                if (prefix == null)
                {
                    problems.Add(Refused(key, $"The -DestinationUrlMap key '{key}' {why}. Nothing was changed."));
                    continue;
                }
                if (DestinationPrefix.Parse(value, out _) == null)
                {
                    problems.Add(Refused(key, $"The -DestinationUrlMap value for '{key}', '{value}', is not the beginning of an https:// URL (a scheme and host, and a path if you like). Nothing was changed."));
                    continue;
                }
                var same = destinations.FirstOrDefault(d => d.Item1.SameAs(prefix));
                if (same.Item1 != null)
                {
                    problems.Add(Refused(key, $"The -DestinationUrlMap keys '{same.Item1.Written}' and '{key}' name the same beginning of a URL. Nothing was changed."));
                    continue;
                }
                destinations.Add((prefix, value));
            }
            // The most path segments first: a more specific rule wins over a general one.
            return new SyncMappings(sites, destinations.OrderByDescending(d => d.Item1.Segments.Length).ToList());
        }

        /// <summary>-SiteMap keys that are not a site of the document: each one an error (a typo must not go unnoticed).</summary>
        public IEnumerable<ErrorRecord> UnknownSiteKeys(IReadOnlyCollection<string> documentSites)
        {
            foreach (var key in _sites.Keys.Where(k => !documentSites.Contains(k, SiteNames.Comparer)))
            {
                var suggestion = NameSuggestion.For(key, documentSites.Where(s => s.Length > 0));
                var listed = documentSites.Count == 0 ? "The document speaks for no site."
                    : $"The document's sites are {WebhookDocumentChecker.Join(documentSites.Select(s => s.Length == 0 ? "'' (the Default site)" : $"'{s}'"))}.";
                yield return ErrorRecordFactory.Create(ErrorIds.SiteMapKeyNotInDocument, ErrorCategory.InvalidArgument, key,
                    $"The -SiteMap key '{key}' names no site of the document{(suggestion != null ? $"; did you mean '{suggestion}'?" : ".")} {listed} Nothing was changed.");
            }
        }

        public string Site(string site) => _sites.TryGetValue(site, out var mapped) ? mapped : site;

        public string DestinationUrl(string url)
        {
            foreach (var (prefix, replacement) in _destinations)
            {
                if (!prefix.TryMatch(url, out var rest)) continue;
                _used.Add(prefix);
                return replacement.TrimEnd('/') + rest;
            }
            return url;
        }

        /// <summary>The -DestinationUrlMap keys no destination began with (after DestinationUrl was asked of every one).</summary>
        public IEnumerable<string> UnusedDestinationKeys => _destinations.Where(d => !_used.Contains(d.Prefix)).Select(d => d.Prefix.Written);

        private static ErrorRecord Refused(string key, string message)
            => ErrorRecordFactory.Create(ErrorIds.InvalidDestinationUrlMap, ErrorCategory.InvalidArgument, key, message);

        private static IEnumerable<(string Key, string Value)> ToPairs(IDictionary? map)
        {
            if (map == null) yield break;
            foreach (DictionaryEntry pair in map) yield return (Text(pair.Key), Text(pair.Value));
        }

        // $null in a map means "" (the Default site): @{ '' = 'prod' } and @{ $null = ... } alike.
        private static string Text(object? value) => (value is PSObject ps ? ps.BaseObject : value)?.ToString() ?? "";
    }
}
