using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>Several sessions in one runspace, and a runbook that walks every site of a server.</summary>
    public sealed class SessionAndSiteTests : ModuleScope
    {
        [Fact]
        public void Get_TableauSession_lists_sessions_and_marks_the_default()
        {
            var result = Run(@"
$main = Connect-AsAdmin -PassThru
$side = Connect-TableauServer -Server $Server -Site finance -Credential (New-TestCredential 'admin' 'admin') -NotDefault -PassThru
Get-TableauSession").AssertSucceeded();

            Assert.Equal(2, result.Output.Count);
            Assert.Equal(new[] { true, false }, result.Output.Select(s => s.Property<bool>("IsDefault")));
            Assert.Equal("finance", result.Output[1].Property<string>("Site"));
            // The default session is still the first: webhooks land on its site.
            Run("New-TableauWebhook -Name 'on-default' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x') | Out-Null").AssertSucceeded();
            Assert.Equal("on-default", Assert.Single(Simulator.State.WebhooksForSite("")).Name);
        }

        [Fact]
        public void Piping_sessions_to_Disconnect_signs_out_of_each()
        {
            Run("Connect-AsAdmin; Connect-TableauServer -Server $Server -Site finance -Credential (New-TestCredential 'admin' 'admin') -NotDefault").AssertSucceeded();

            Run("Get-TableauSession | Disconnect-TableauServer").AssertSucceeded();

            Assert.Empty(Run("Get-TableauSession").AssertSucceeded().Output);
            Assert.Equal(2, Simulator.State.RequestLog.Count(r => r.Path.EndsWith("/auth/signout") && r.StatusCode == 204));
        }

        [Fact]
        public void A_runbook_loops_over_every_site()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var result = Run(@"
Get-TableauSite | ForEach-Object {
    Switch-TableauSite -Site $_.ContentUrl
    New-TableauWebhook -Name ""audit-$($_.Name)"" -Event WorkbookDeleted -DestinationUrl ($Receiver + 'audit')
}").AssertSucceeded();

            Assert.Equal(new[] { "", "finance" }, result.Output.Select(w => w.Property<string>("Site")));
            Assert.Equal("audit-Default", Assert.Single(Simulator.State.WebhooksForSite("")).Name);
            Assert.Equal("audit-Finance", Assert.Single(Simulator.State.WebhooksForSite("finance")).Name);
        }

        [Fact]
        public void Switch_moves_the_session_and_PassThru_returns_it()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var session = Run("Get-TableauSite -ContentUrl fin* | Switch-TableauSite -PassThru").AssertSucceeded().Output.Single();
            Assert.Equal("finance", session.Property<string>("Site"));
            Assert.Equal(Simulator.State.Sites.Single(s => s.ContentUrl == "finance").Id, session.Property<string>("SiteId"));
        }

        [Fact]
        public void A_webhook_read_before_a_site_switch_is_changed_on_its_own_site_and_the_session_stays_put()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("$global:old = New-TableauWebhook -Name 'default-hook' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x'); " +
                "$null = New-TableauWebhook -Name 'finance-hook' -Event WorkbookCreated -DestinationUrl ($Receiver + 'y') -Session (Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -Site finance -PassThru -NotDefault); " +
                "Switch-TableauSite -Site finance").AssertSucceeded();

            Run("$old | Remove-TableauWebhook").AssertSucceeded();

            Assert.Empty(Simulator.State.WebhooksForSite(""));
            Assert.Single(Simulator.State.WebhooksForSite("finance"));
            Assert.Equal("finance", Run("(Get-TableauSession | Where-Object IsDefault).Site").AssertSucceeded().Output.Single().BaseObject);
        }

        [Fact]
        public void Only_server_administrators_list_sites()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'viewer' 'viewer')").AssertSucceeded();
            Run("Get-TableauSite").AssertSingleError("PermissionDenied", ErrorCategory.PermissionDenied);
        }
    }
}
