using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;

namespace TableauWebhooks.Sync
{
    /// <summary>
    /// What changes when webhooks move from one place to another: -SiteMap renames sites (source contentUrl -> target),
    /// -DestinationUrlMap rewrites destinations by prefix (e.g. https://hooks-dev.example.com/ -> https://hooks.example.com/).
    /// </summary>
    internal sealed class SyncMappings
    {
        private readonly Dictionary<string, string> _sites;
        // Longest prefix first, so a more specific rule wins over a general one.
        private readonly List<KeyValuePair<string, string>> _destinations;

        public SyncMappings(IDictionary? siteMap, IDictionary? destinationUrlMap)
        {
            _sites = ToPairs(siteMap).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
            _destinations = ToPairs(destinationUrlMap)
                .Where(p => p.Key.Length > 0)
                .OrderByDescending(p => p.Key.Length)
                .ToList();
        }

        public string Site(string site) => _sites.TryGetValue(site, out var mapped) ? mapped : site;

        public string? DestinationUrl(string? url)
        {
            if (url == null) return null;
            foreach (var rule in _destinations)
                if (url.StartsWith(rule.Key, StringComparison.OrdinalIgnoreCase)) return rule.Value + url.Substring(rule.Key.Length);
            return url;
        }

        private static IEnumerable<KeyValuePair<string, string>> ToPairs(IDictionary? map)
        {
            if (map == null) yield break;
            foreach (DictionaryEntry pair in map)
                yield return new KeyValuePair<string, string>(Text(pair.Key), Text(pair.Value));
        }

        // $null in a map means "" (the Default site): @{ '' = 'prod' } and @{ $null = ... } alike.
        private static string Text(object? value) => (value is System.Management.Automation.PSObject ps ? ps.BaseObject : value)?.ToString() ?? "";
    }
}
