using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Completion
{
    /// <summary>
    /// What tab completion fetched from the server, kept for a short while: pressing Tab repeatedly must not send a
    /// request each time, yet a webhook created a minute ago should complete.
    /// </summary>
    internal sealed class CompletionCache
    {
        private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);
        // Completion runs while the user waits at the prompt: a slow server yields no suggestions rather than a hang.
        private static readonly TimeSpan FetchTimeout = TimeSpan.FromSeconds(5);

        private readonly object _gate = new object();
        private (DateTime At, IReadOnlyList<WebhookInfo> Items)? _webhooks;
        private (DateTime At, IReadOnlyList<string> Items)? _sites;

        public IReadOnlyList<WebhookInfo> Webhooks(TableauSession session)
        {
            lock (_gate)
            {
                if (_webhooks is { } cached && DateTime.UtcNow - cached.At < Lifetime) return cached.Items;
            }
            var items = Fetch(ct => session.Client.ListWebhooksAsync(ct));
            lock (_gate) _webhooks = (DateTime.UtcNow, items);
            return items;
        }

        public IReadOnlyList<string> SiteContentUrls(TableauSession session)
        {
            lock (_gate)
            {
                if (_sites is { } cached && DateTime.UtcNow - cached.At < Lifetime) return cached.Items;
            }
            var sites = Fetch(ct => session.Client.ListSitesAsync(ct)).Select(s => s.ContentUrl).ToList();
            // Only server administrators may list sites; everyone may at least complete the site they are on.
            if (sites.Count == 0) sites.Add(session.Site);
            RememberSites(sites);
            return sites;
        }

        public void RememberSites(IEnumerable<string> contentUrls)
        {
            lock (_gate) _sites = (DateTime.UtcNow, contentUrls.ToList());
        }

        public void Clear()
        {
            lock (_gate)
            {
                _webhooks = null;
                _sites = null;
            }
        }

        private static IReadOnlyList<T> Fetch<T>(Func<CancellationToken, System.Threading.Tasks.Task<IReadOnlyList<T>>> fetch)
        {
            try
            {
                using var timeout = new CancellationTokenSource(FetchTimeout);
                return fetch(timeout.Token).GetAwaiter().GetResult();
            }
            catch (Exception)
            {
                // Completion must never throw at the prompt; no suggestions is the honest answer.
                return Array.Empty<T>();
            }
        }
    }
}
