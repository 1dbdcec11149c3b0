using System;
using System.Linq;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauServer.Simulator.Faults;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Webhooks of every site in one stream, and each piped webhook acting on its own site: a password reads sites side by
    /// side with a sign-in per site; a personal access token (one session at a time) walks them with switchSite and
    /// comes home. Either way the session ends on the site it started on.
    /// </summary>
    public sealed class AllSitesTests : ModuleScope
    {
        private string[] _siteIds = Array.Empty<string>();

        protected override SimulatorOptions CreateOptions()
        {
            var options = base.CreateOptions();
            options.Sites.Add(new SimulatedSite { Name = "Sales", ContentUrl = "sales" });
            return options;
        }

        private void SeedEverySite(int perSite)
        {
            foreach (var site in new[] { "", "finance", "sales" }) Simulator.State.SeedWebhooks(perSite, site, (site.Length == 0 ? "default" : site) + "-");
        }

        private void ConnectWithToken() => Run("Connect-TableauServer -Server $Server -PersonalAccessTokenName admin-pat -PersonalAccessTokenSecret (New-TestSecret 'admin-pat-secret')").AssertSucceeded();

        private int Requests(string method, string pathEnd) => Simulator.State.RequestLog.Count(r => r.Method == method && r.Path.EndsWith(pathEnd, StringComparison.Ordinal));

        private string DefaultSessionSite() => (string)Run("(Get-TableauSession | Where-Object IsDefault).Site").AssertSucceeded().Output.Single().BaseObject;

        [Fact]
        public void With_a_password_every_site_is_read_through_its_own_sign_in_and_each_webhook_carries_its_site()
        {
            SeedEverySite(3);
            Run("Connect-AsAdmin").AssertSucceeded();
            var signIns = Requests("POST", "/auth/signin");

            var webhooks = Run("Get-TableauWebhook -AllSites").AssertSucceeded().Output;

            Assert.Equal(9, webhooks.Count);
            Assert.All(webhooks, w => Assert.StartsWith((w.Property<string>("Site") is { Length: > 0 } s ? s : "default") + "-", w.Property<string>("Name")));
            Assert.Equal(new[] { "", "finance", "sales" }, webhooks.Select(w => w.Property<string>("Site")).Distinct());
            Assert.Equal(2, Requests("POST", "/auth/signin") - signIns); // finance and sales; the Default site is the session's own
            Assert.Equal(0, Requests("POST", "/auth/switchSite"));
            Assert.Equal("", DefaultSessionSite());

            // The sign-ins are kept: reading again signs in nowhere.
            Run("Get-TableauWebhook -AllSites").AssertSucceeded();
            Assert.Equal(2, Requests("POST", "/auth/signin") - signIns);
        }

        [Fact]
        public void With_a_personal_access_token_the_sites_are_walked_in_turn_and_the_session_comes_home()
        {
            SeedEverySite(2);
            ConnectWithToken();
            Run("Switch-TableauSite -Site finance").AssertSucceeded();

            var webhooks = Run("Get-TableauWebhook -AllSites -ThrottleLimit 8").AssertSucceeded().Output;

            Assert.Equal(6, webhooks.Count);
            Assert.True(Requests("POST", "/auth/switchSite") >= 3); // the walk away and back home
            Assert.Equal(1, Requests("POST", "/auth/signin"));      // a second sign-in would end the token's session
            Assert.Equal("finance", DefaultSessionSite());
        }

        [Fact]
        public async Task Stopped_while_on_another_site_the_token_session_still_comes_home()
        {
            SeedEverySite(1);
            ConnectWithToken();
            var salesId = Simulator.State.Sites.Single(s => s.ContentUrl == "sales").Id;
            Simulator.EnqueueFault(FaultKind.Latency, "GET", $"/sites/{salesId}/webhooks", TimeSpan.FromSeconds(5));

            // Stopped while the simulator holds the list of the sales site's webhooks: the session is away from home.
            var (_, stopTook) = Shell.RunAndStop("Get-TableauWebhook -AllSites", _ => Simulator.State.FaultsInjected == 1, "the sales site's list held by the server");

            Assert.True(stopTook < TimeSpan.FromSeconds(4), $"Stopping took {stopTook}.");
            // The client gave up on that list first, so the server logs it after: wait for the entry (only against a hang).
            var abandoned = await Simulator.State.WaitForRequestAsync(r => r.Path.EndsWith($"/sites/{salesId}/webhooks", StringComparison.Ordinal),
                TimeSpan.FromSeconds(30), "the abandoned list of the sales site's webhooks");
            Assert.Equal((0, "Latency"), (abandoned.StatusCode, abandoned.Fault));
            Assert.Equal("", DefaultSessionSite());
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void Piped_on_each_webhook_acts_on_its_own_site(bool token)
        {
            SeedEverySite(10);
            if (token) ConnectWithToken();
            else Run("Connect-AsAdmin").AssertSucceeded();

            var disabled = Run("Get-TableauWebhook -AllSites | Where-Object Name -notlike '*-1' | Disable-TableauWebhook -Reason sweep -ThrottleLimit 8 -PassThru")
                .AssertSucceeded().Output;
            Run("Get-TableauWebhook -AllSites -Name '*-1' | Remove-TableauWebhook -ThrottleLimit 8").AssertSucceeded();

            Assert.Equal(27, disabled.Count);
            foreach (var site in new[] { "", "finance", "sales" })
            {
                var left = Simulator.State.WebhooksForSite(site);
                Assert.Equal(9, left.Count);
                Assert.All(left, w => Assert.False(w.IsEnabled));
            }
            Assert.Equal(disabled.Select(w => w.Property<string>("Site")).OrderBy(s => s), Enumerable.Repeat("", 9).Concat(Enumerable.Repeat("finance", 9)).Concat(Enumerable.Repeat("sales", 9)));
            Assert.Equal("", DefaultSessionSite());
        }

        [Fact]
        public void A_site_that_fails_is_one_error_and_the_other_sites_still_come()
        {
            SeedEverySite(1);
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -MaximumRetryCount 0").AssertSucceeded();
            var financeId = Simulator.State.Sites.Single(s => s.ContentUrl == "finance").Id;
            Simulator.EnqueueFault(FaultKind.BadGateway, "GET", $"/sites/{financeId}/webhooks");

            var result = Run("Get-TableauWebhook -AllSites");

            var error = Assert.Single(result.Errors);
            Assert.StartsWith("Site 'finance': ", error.ErrorDetails.Message);
            Assert.Equal(new[] { "", "sales" }, result.Output.Select(w => w.Property<string>("Site")));
        }

        [Fact]
        public void Only_server_administrators_list_every_site()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'viewer' 'viewer')").AssertSucceeded();
            Run("Get-TableauWebhook -AllSites").AssertSingleError("PermissionDenied", System.Management.Automation.ErrorCategory.PermissionDenied);
        }

        [Fact]
        public void Disconnect_signs_out_of_the_other_sites_too()
        {
            Run("Connect-AsAdmin; $null = Get-TableauWebhook -AllSites").AssertSucceeded();
            Assert.Equal(3, Simulator.State.ActiveSessionCount);

            Run("Disconnect-TableauServer").AssertSucceeded();

            Assert.Equal(0, Simulator.State.ActiveSessionCount);
        }
    }
}
