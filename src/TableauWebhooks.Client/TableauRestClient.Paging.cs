using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Serialization;

namespace TableauWebhooks.Client
{
    // The one paging loop every list method uses.
    public sealed partial class TableauRestClient
    {
        // A bound on paging through a misbehaving server; far above any real site's webhook or server's site count.
        private const int MaxPages = 1000;

        /// <summary>
        /// GETs page after page until totalAvailable items are read. An empty page, a page without pagination or
        /// MaxPages ends it too, so a server that never stops cannot keep us looping. Each page is its own request,
        /// retried and re-signed-in like any GET.
        /// </summary>
        /// <param name="pagePath">The path of page n (from 1) for a session: whether and how it asks for a page is the method's.</param>
        private async Task<IReadOnlyList<T>> ReadAllPagesAsync<T>(Func<SessionState, int, string> pagePath,
            Func<IResponseReader, IReadOnlyList<T>> readItems, CancellationToken cancellationToken)
        {
            var all = new List<T>();
            for (var pageNumber = 1; ; pageNumber++)
            {
                var number = pageNumber;
                var (items, page) = await SendAuthenticatedAsync(HttpMethod.Get, s => pagePath(s, number), null, Ok,
                    r => (readItems(r), r.ReadPagination()), cancellationToken).ConfigureAwait(false);
                all.AddRange(items);
                if (page == null || items.Count == 0 || all.Count >= page.TotalAvailable || pageNumber >= MaxPages) return all;
            }
        }
    }
}
