using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>Connect-TableauServer: version negotiation, sites, and sign-in failures.</summary>
    public sealed class ConnectTests : ModuleScope
    {
        [Fact]
        public void ApiVersion_pins_the_version_used_in_every_request()
        {
            var session = Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -ApiVersion 3.9 -PassThru")
                .AssertSucceeded().Output.Single();
            Assert.Equal(new Version(3, 9), session.Property<Version>("ApiVersion"));
            Assert.Equal(new Version(3, 27), session.Property<Version>("ServerApiVersion"));

            Run("New-TableauWebhook -Name 'pinned' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x') | Out-Null; Get-TableauWebhook | Out-Null").AssertSucceeded();
            // The list New-TableauWebhook reads to check the name, the create, and Get-TableauWebhook's list.
            var webhookRequests = RequestLogWait.Matching(Simulator, RequestLogWait.IsWebhookRequest, 3, "webhook requests");
            Assert.Equal(3, webhookRequests.Count);
            Assert.All(webhookRequests, r => Assert.StartsWith("/api/3.9/", r.Path));
        }

        [Fact]
        public void ApiVersion_above_the_server_is_refused_naming_both_versions()
        {
            var error = Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -ApiVersion 3.99")
                .AssertSingleError("ApiVersionNotSupported", ErrorCategory.InvalidOperation, ServerUrl);
            Assert.Contains("3.99", error.Exception.Message);
            Assert.Contains("3.27", error.Exception.Message);
        }

        [Fact]
        public void Site_selects_the_site_and_webhooks_stay_on_it()
        {
            Run("Connect-TableauServer -Server $Server -Site finance -Credential (New-TestCredential 'admin' 'admin')").AssertSucceeded();
            var created = Run("New-TableauWebhook -Name 'finance-hook' -Event WorkbookCreated -DestinationUrl ($Receiver + 'f')").AssertSucceeded().Output.Single();
            Assert.Equal("finance", created.Property<string>("Site"));

            Run("Connect-AsAdmin").AssertSucceeded();
            Assert.Empty(Run("Get-TableauWebhook").AssertSucceeded().Output);
        }

        [Fact]
        public void An_address_copied_from_the_browser_selects_its_site_and_changes_land_there()
        {
            var session = Run("Connect-TableauServer -Server ($Server + '/#/site/finance/home') -Credential (New-TestCredential 'admin' 'admin') -PassThru")
                .AssertSucceeded().Output.Single();
            Assert.Equal("finance", session.Property<string>("Site"));
            Assert.DoesNotContain("#", session.Property<object>("Server").ToString());
            Assert.Contains(Simulator.State.RequestLog, r => r.Path.EndsWith("/auth/signin"));

            Run("New-TableauWebhook -Name 'from-the-browser' -Event WorkbookCreated -DestinationUrl ($Receiver + 'b')").AssertSucceeded();
            Assert.Contains(Simulator.State.WebhooksForSite("finance"), w => w.Name == "from-the-browser");
            Assert.DoesNotContain(Simulator.State.WebhooksForSite(""), w => w.Name == "from-the-browser");
        }

        [Fact]
        public void Unknown_site_is_a_sign_in_error()
        {
            Run("Connect-TableauServer -Server $Server -Site nowhere -Credential (New-TestCredential 'admin' 'admin')")
                .AssertSingleError("SignInFailed", ErrorCategory.AuthenticationError, ServerUrl);
        }

        [Fact]
        public void Unreachable_server_is_a_connection_error_naming_the_server()
        {
            // Nothing listens on loopback port 9 here.
            var error = Run("Connect-TableauServer -Server 'http://127.0.0.1:9' -Credential (New-TestCredential 'admin' 'admin') -TimeoutSec 5")
                .AssertSingleError("ServerUnreachable", ErrorCategory.ConnectionError, "http://127.0.0.1:9");
            Assert.Contains("127.0.0.1:9", error.Exception.Message);
        }

        [Fact]
        public void Disconnect_signs_out_on_the_server_and_forgets_the_session()
        {
            Run("$global:s = Connect-AsAdmin -PassThru").AssertSucceeded();
            Run("Disconnect-TableauServer").AssertSucceeded();

            Assert.Contains(Simulator.State.RequestLog, r => r.Method == "POST" && r.Path.EndsWith("/auth/signout") && r.StatusCode == 204);
            Assert.False((bool)Run("$s.IsConnected").Output.Single().BaseObject);
            Run("Get-TableauWebhook -Session $s").AssertSingleError("TableauSessionDisconnected", ErrorCategory.ConnectionError);
        }
    }
}
