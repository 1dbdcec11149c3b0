using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Client
{
    // Query Sites: every site of the server, so a runbook can loop over them (server administrators only).
    public sealed partial class TableauRestClient
    {
        private const int SitesPageSize = 100;

        /// <summary>Pages of SitesPageSize, numbered from the first request on, until every site is read.</summary>
        public Task<IReadOnlyList<SiteInfo>> ListSitesAsync(CancellationToken cancellationToken)
            => ReadAllPagesAsync((_, pageNumber) => "sites?pageSize=" + SitesPageSize.ToString(CultureInfo.InvariantCulture)
                                                    + "&pageNumber=" + pageNumber.ToString(CultureInfo.InvariantCulture),
                r => r.ReadSites(), cancellationToken);
    }
}
