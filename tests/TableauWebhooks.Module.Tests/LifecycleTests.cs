using System;
using System.Linq;
using System.Net;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>The whole webhook lifecycle through the cmdlets, once per sign-in method.</summary>
    public sealed class LifecycleTests : ModuleScope
    {
        public static TheoryData<string> SignInMethods => new TheoryData<string> { "Password", "PersonalAccessToken", "Jwt" };

        [Theory]
        [MemberData(nameof(SignInMethods))]
        public void Full_lifecycle_works_with_each_sign_in_method(string method)
        {
            Shell.SetVariable("global:Jwt", new NetworkCredential("", ConnectedAppJwt.Create(Simulator.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5))).SecurePassword);
            var connect = method switch
            {
                "Password" => "Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -PassThru",
                "PersonalAccessToken" => "Connect-TableauServer -Server $Server -PersonalAccessTokenName 'admin-pat' -PersonalAccessTokenSecret (New-TestSecret 'admin-pat-secret') -PassThru",
                _ => "Connect-TableauServer -Server $Server -Jwt $Jwt -PassThru",
            };

            var session = Run(connect).AssertSucceeded().Output.Single();
            Assert.Equal(method, session.Property<string>("AuthenticationMethod"));
            Assert.Equal("admin", session.Property<string>("UserName"));
            Assert.Equal(new Version(3, 27), session.Property<Version>("ApiVersion"));
            Assert.Equal("2025.3.0", session.Property<string>("ProductVersion"));

            var created = Run(@"New-TableauWebhook -Name 'refresh-failed' -Event DatasourceRefreshFailed -DestinationUrl ($Receiver + 'lifecycle')")
                .AssertSucceeded().Output.Single();
            var id = created.Property<Guid>("Id");
            Assert.NotEqual(Guid.Empty, id);
            Assert.Equal("DatasourceRefreshFailed", created.Property<string>("Event"));
            Assert.Equal("webhook-source-event-datasource-refresh-failed", created.Property<string>("LegacyEventName"));
            Assert.True(created.Property<bool>("Enabled"));
            Assert.Equal("admin", created.Property<string>("OwnerName"));

            var listed = Run("Get-TableauWebhook -Name 'refresh-*' -Event webhook-source-event-datasource-refresh-failed -Enabled $true").AssertSucceeded().Output;
            Assert.Equal(id, Assert.Single(listed).Property<Guid>("Id"));

            var renamed = Run("Set-TableauWebhook -Id $args[0] -NewName 'renamed' -PassThru", id).AssertSucceeded().Output.Single();
            Assert.Equal("renamed", renamed.Property<string>("Name"));
            Assert.Equal("DatasourceRefreshFailed", renamed.Property<string>("Event"));

            var disabled = Run("Disable-TableauWebhook -Id $args[0] -Reason 'maintenance window' -PassThru", id).AssertSucceeded().Output.Single();
            Assert.False(disabled.Property<bool>("Enabled"));
            Assert.Equal("maintenance window", disabled.Property<string>("StatusChangeReason"));

            var enabled = Run("Enable-TableauWebhook -Id $args[0] -PassThru", id).AssertSucceeded().Output.Single();
            Assert.True(enabled.Property<bool>("Enabled"));
            Assert.Equal("", enabled.Property<string>("StatusChangeReason"));

            var test = Run("Test-TableauWebhook -Id $args[0]", id).AssertSucceeded().Output.Single();
            Assert.Equal(200, test.Property<int>("Status"));
            Assert.True(test.Property<bool>("Success"));
            Assert.Equal("renamed", test.Property<string>("WebhookName"));
            Assert.Contains(Simulator.State.Deliveries, d => d.Path.EndsWith("/lifecycle", StringComparison.Ordinal));

            Run("Remove-TableauWebhook -Id $args[0]", id).AssertSucceeded();
            Assert.Empty(Run("Get-TableauWebhook").AssertSucceeded().Output);

            Run("Disconnect-TableauServer").AssertSucceeded();
            Run("Get-TableauWebhook").AssertSingleError("TableauSessionNotConnected", System.Management.Automation.ErrorCategory.ConnectionError);
        }

        [Fact]
        public void Disabled_creates_the_webhook_disabled_with_Tableau_default_reason()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var created = Run("New-TableauWebhook -Name 'dormant' -Event WorkbookCreated -DestinationUrl ($Receiver + 'd') -Disabled").AssertSucceeded().Output.Single();

            Assert.False(created.Property<bool>("Enabled"));
            Assert.False(Assert.Single(Simulator.State.Webhooks).IsEnabled);
            Assert.Equal(created.Property<Guid>("Id"), Run("(Get-TableauWebhook -Enabled $false).Id").AssertSucceeded().Output.Single().BaseObject);
            Assert.Empty(Run("Get-TableauWebhook -Enabled $true").AssertSucceeded().Output);
        }
    }
}
