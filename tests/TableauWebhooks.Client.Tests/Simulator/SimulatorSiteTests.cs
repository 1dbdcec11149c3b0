using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Client.Errors;
using Xunit;
using static TableauWebhooks.Client.Tests.Simulator.SimulatorSession;

namespace TableauWebhooks.Client.Tests.Simulator
{
    /// <summary>ListSitesAsync against the simulator's Query Sites over real HTTP: paging, permissions, retries.</summary>
    public class SimulatorSiteTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        /// <summary>The two seeded sites plus <paramref name="extra"/> more, so a listing spans pages of 100.</summary>
        private static Task<SimulatorHost> StartWithSitesAsync(int extra, AnswerFormat answers)
        {
            var options = SimulatorOptions.CreateDefault();
            for (var i = 0; i < extra; i++)
                options.Sites.Add(new SimulatedSite { Name = "Site " + i, ContentUrl = "site" + i });
            return StartAsync(options, answers);
        }

        private static int SiteQueries(SimulatorHost host)
            => host.State.RequestLog.Count(e => e.Method == "GET" && e.Path.EndsWith("/sites", StringComparison.OrdinalIgnoreCase));

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Lists_every_site_across_pages(AnswerFormat answers)
        {
            await using var host = await StartWithSitesAsync(148, answers);
            using var client = await SignInAsync(host);

            var sites = await client.ListSitesAsync(None);

            Assert.Equal(150, sites.Count);
            Assert.Equal(host.State.Sites.Select(s => s.Id), sites.Select(s => s.Id));
            Assert.Equal(host.State.Sites.Select(s => s.ContentUrl), sites.Select(s => s.ContentUrl));
            var finance = sites.Single(s => s.ContentUrl == "finance");
            Assert.Equal("9d2e7b40-6a1c-4f3e-b5d8-0c1e2f3a4b5c", finance.Id);
            Assert.Equal("Finance", finance.Name);
            Assert.Equal("Active", finance.State);
            Assert.Equal("", sites[0].ContentUrl);
            Assert.Equal(2, SiteQueries(host));
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Exactly_one_full_page_takes_one_request(AnswerFormat answers)
        {
            await using var host = await StartWithSitesAsync(98, answers);
            using var client = await SignInAsync(host);

            Assert.Equal(100, (await client.ListSitesAsync(None)).Count);
            Assert.Equal(1, SiteQueries(host));
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task The_seeded_server_lists_its_two_sites(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await SignInAsync(host);

            var sites = await client.ListSitesAsync(None);

            Assert.Equal(new[] { "Default", "Finance" }, sites.Select(s => s.Name));
        }

        [Theory]
        [InlineData(AnswerFormat.Json, "viewer")]
        [InlineData(AnswerFormat.Xml, "viewer")]
        [InlineData(AnswerFormat.Json, "siteadmin")]
        public async Task Anyone_but_a_server_administrator_gets_PermissionDenied(AnswerFormat answers, string user)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await SignInAsync(host, user: user, site: user == "siteadmin" ? "finance" : "");

            var error = await Assert.ThrowsAsync<TableauException>(() => client.ListSitesAsync(None));

            Assert.Equal(TableauErrorKind.PermissionDenied, error.Kind);
            Assert.Equal(403, error.HttpStatus);
            Assert.Equal("403000", error.Code);
            Assert.True(client.IsSignedIn); // a refusal does not end the session
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task A_throttled_page_is_retried_like_any_get(AnswerFormat answers)
        {
            await using var host = await StartWithSitesAsync(148, answers);
            var options = Options(host);
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
            using var client = await TableauRestClient.SignInAsync(options, Credential(host, SignInMethod.Password), None);
            host.SetFaults(new FaultOptions { RetryAfterSeconds = 0 });
            host.EnqueueFault(FaultKind.Throttle, "GET", "/sites");
            host.EnqueueFault(FaultKind.DropAfterActing, "GET", "/sites");

            var sites = await client.ListSitesAsync(None);

            Assert.Equal(150, sites.Count);
            Assert.Equal(150, sites.Select(s => s.Id).Distinct().Count());
            Assert.Equal(4, SiteQueries(host)); // throttled, dropped, then the two pages
        }
    }
}
