using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Selecting webhooks by name: -Name is a wildcard pattern that reports a missing name exactly when its own match
    /// finds nothing. (In a real shell: tests/TableauWebhooks.Pester/Names.Tests.ps1.)
    /// </summary>
    public sealed class NameSelectionTests : ModuleScope
    {
        private string[] Names(string script) =>
            Run(script).AssertSucceeded().Output.Select(o => o.Property<string>("Name")).OrderBy(n => n, System.StringComparer.Ordinal).ToArray();

        private void Seed()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(@"
New-TableauWebhook -Name 'prod*' -Event DatasourceRefreshFailed -DestinationUrl ($Receiver + 'a') | Out-Null
New-TableauWebhook -Name 'prod-finance' -Event DatasourceRefreshFailed -DestinationUrl ($Receiver + 'b') | Out-Null
New-TableauWebhook -Name 'a[1]' -Event WorkbookCreated -DestinationUrl ($Receiver + 'c') -Disabled | Out-Null
New-TableauWebhook -Name 'a1' -Event WorkbookCreated -DestinationUrl ($Receiver + 'd') | Out-Null
New-TableauWebhook -Name ""O'Brien"" -Event WorkbookCreated -DestinationUrl ($Receiver + 'e') | Out-Null").AssertSucceeded();
        }

        [Fact]
        public void An_escaped_name_is_found_without_an_error_in_any_case_and_a_missing_one_is_reported_once()
        {
            Seed();
            Assert.Equal(new[] { "a[1]" }, Names("Get-TableauWebhook -Name 'A`[1`]'"));
            Assert.Equal(new[] { "prod*" }, Names("Get-TableauWebhook -Name 'prod`*'"));

            var result = Run("Get-TableauWebhook -Name 'a`[2`]', 'a`[1`]', 'nothing*'");
            Assert.Equal(new[] { "a[1]" }, result.Output.Select(o => o.Property<string>("Name")));
            result.AssertSingleError("WebhookNotFound", ErrorCategory.ObjectNotFound, "a`[2`]");
        }
    }
}
