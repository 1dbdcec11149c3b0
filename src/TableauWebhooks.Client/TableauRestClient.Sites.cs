using System.Collections.Generic;
using System.Globalization;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Client
{
    // Query Sites: every site of the server, so a runbook can loop over them (server administrators only).
    public sealed partial class TableauRestClient
    {
        private const int SitesPageSize = 100;

        /// <summary>
        /// Reads page after page until totalAvailable sites are read. An empty page, a page without pagination or
        /// MaxPages ends it too, so a server that never stops cannot keep us looping.
        /// </summary>
        public async Task<IReadOnlyList<SiteInfo>> ListSitesAsync(CancellationToken cancellationToken)
        {
            var all = new List<SiteInfo>();
            for (var pageNumber = 1; ; pageNumber++)
            {
                var path = "sites?pageSize=" + SitesPageSize.ToString(CultureInfo.InvariantCulture)
                           + "&pageNumber=" + pageNumber.ToString(CultureInfo.InvariantCulture);
                var (items, page) = await SendAuthenticatedAsync(HttpMethod.Get, _ => path, null, Ok,
                    r => (r.ReadSites(), r.ReadPagination()), cancellationToken).ConfigureAwait(false);
                all.AddRange(items);
                if (page == null || items.Count == 0 || all.Count >= page.TotalAvailable || pageNumber >= MaxPages) return all;
            }
        }
    }
}
