using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Tests.Support;
using Xunit;
using static TableauWebhooks.Client.Tests.Resilience.StubScripts;

namespace TableauWebhooks.Client.Tests.Resilience
{
    /// <summary>ListSitesAsync against scripted servers whose paging is odd: it must end and never lose sites.</summary>
    public class SitePagingTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        private static bool IsSites(RecordedRequest r) => r.Path.EndsWith("/sites", StringComparison.Ordinal);

        private static StubResponse Page(int pageNumber, int totalAvailable, int count, bool withPagination = true)
        {
            var sites = string.Join(",", Enumerable.Range(0, count).Select(i =>
                $"{{\"id\":\"site-{pageNumber}-{i}\",\"name\":\"Site {pageNumber}-{i}\",\"contentUrl\":\"s{pageNumber}x{i}\",\"state\":\"Active\"}}"));
            var pagination = withPagination
                ? $"\"pagination\":{{\"pageNumber\":\"{pageNumber}\",\"pageSize\":\"100\",\"totalAvailable\":\"{totalAvailable}\"}},"
                : "";
            return StubResponse.Json($"{{{pagination}\"sites\":{{\"site\":[{sites}]}}}}");
        }

        private static int PageNumberOf(RecordedRequest r)
            => int.Parse(r.Query.TrimStart('?').Split('&').Single(p => p.StartsWith("pageNumber=", StringComparison.Ordinal)).Substring(11));

        [Fact]
        public async Task Asks_for_pages_of_100_numbered_from_1()
        {
            using var stub = new StubServer(TableauDocs.Server(r => IsSites(r) ? Page(PageNumberOf(r), 250, PageNumberOf(r) < 3 ? 100 : 50) : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);

            var sites = await client.ListSitesAsync(None);

            Assert.Equal(250, sites.Count);
            Assert.Equal(new[] { "?pageSize=100&pageNumber=1", "?pageSize=100&pageNumber=2", "?pageSize=100&pageNumber=3" },
                stub.Requests.Where(IsSites).Select(r => r.Query));
        }

        [Fact]
        public async Task A_server_that_claims_more_than_it_sends_stops_at_the_first_empty_page()
        {
            using var stub = new StubServer(TableauDocs.Server(r => IsSites(r) ? Page(PageNumberOf(r), 1000, PageNumberOf(r) == 1 ? 100 : 0) : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);

            var sites = await client.ListSitesAsync(None);

            Assert.Equal(100, sites.Count);
            Assert.Equal(2, stub.Requests.Count(IsSites));
        }

        [Fact]
        public async Task Without_pagination_the_first_page_is_all_there_is()
        {
            using var stub = new StubServer(TableauDocs.Server(r => IsSites(r) ? Page(1, 0, 3, withPagination: false) : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);

            Assert.Equal(3, (await client.ListSitesAsync(None)).Count);
            Assert.Equal(1, stub.Requests.Count(IsSites));
        }
    }
}
