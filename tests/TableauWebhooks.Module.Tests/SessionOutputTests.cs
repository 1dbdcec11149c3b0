using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>What the session shows, what -Verbose traces, and how webhooks print.</summary>
    public sealed class SessionOutputTests : ModuleScope
    {
        [Fact]
        public void Session_shows_where_and_who_but_never_the_secret()
        {
            var session = Run("Connect-TableauServer -Server $Server -PersonalAccessTokenName 'admin-pat' -PersonalAccessTokenSecret (New-TestSecret 'admin-pat-secret') -Site finance -PassThru")
                .AssertSucceeded().Output.Single();

            Assert.Equal("finance", session.Property<string>("Site"));
            Assert.Equal(new Uri(ServerUrl + "/"), session.Property<Uri>("Server"));
            Assert.True(session.Property<bool>("IsConnected"));
            // The simulator's session lifetime is 240 minutes, reported as estimatedTimeToExpiration.
            var lifetime = session.Property<DateTime>("ExpiresAt") - session.Property<DateTime>("ConnectedAt");
            Assert.InRange(lifetime.TotalMinutes, 239, 241);
            var everything = string.Join("|", session.Properties.Select(p => p.Name + "=" + p.Value)) + session.BaseObject;
            Assert.DoesNotContain("admin-pat-secret", everything);
            Assert.DoesNotContain("X-Tableau-Auth", everything, StringComparison.OrdinalIgnoreCase);
        }

        [Fact]
        public void Verbose_traces_each_request_without_the_secret()
        {
            var result = Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -Verbose; Get-TableauWebhook -Verbose").AssertSucceeded();

            Assert.Contains(result.Verbose, v => v.Contains("POST /api/") && v.Contains("/auth/signin"));
            Assert.Contains(result.Verbose, v => v.Contains("GET /api/3.27/sites/") && v.Contains("/webhooks"));
            Assert.DoesNotContain(result.Verbose, v => v.Contains("admin-pat-secret") || v.Contains("password", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void Webhooks_print_as_a_table_of_site_name_event_enabled_destination()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("New-TableauWebhook -Name 'printed' -Event WorkbookCreated -DestinationUrl ($Receiver + 'p') | Out-Null").AssertSucceeded();

            var text = Run("Get-TableauWebhook | Out-Default").AssertSucceeded().HostText;
            var lines = text.Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
            var header = lines.FindIndex(l => l.StartsWith("Site", StringComparison.Ordinal));
            Assert.True(header >= 0, text);
            Assert.Matches(@"^Site\s+Name\s+Event\s+Enabled\s+DestinationUrl$", lines[header]);
            Assert.Matches(@"^\(Default\)\s+printed\s+WorkbookCreated\s+True\s+https://", lines[header + 2]);
        }

        [Fact]
        public void Format_List_shows_every_webhook_property()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("New-TableauWebhook -Name 'listed' -Event DatasourceRefreshFailed -DestinationUrl ($Receiver + 'l') | Out-Null").AssertSucceeded();

            var text = Run("Get-TableauWebhook | Format-List | Out-Default").AssertSucceeded().HostText;

            foreach (var label in new[] { "Id", "Name", "Event", "LegacyEventName", "DestinationUrl", "Enabled", "StatusChangeReason", "OwnerName", "OwnerId", "CreatedAt", "UpdatedAt", "Site" })
                Assert.Matches(@"(?m)^" + label + @"\s+:", text);
            Assert.Matches(@"(?m)^LegacyEventName\s+: webhook-source-event-datasource-refresh-failed$", text);
        }
    }
}
