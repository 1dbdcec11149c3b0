using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TableauWebhooks.Hosting;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// The format views are not loaded by Import-Module (PowerShell would rebuild its whole format table for them) but by
    /// the first cmdlet the module runs in a runspace, before any of its objects can be shown.
    /// </summary>
    public sealed class FormatViewLoadingTests
    {
        private const string ViewCount = "@(Get-FormatData -TypeName 'TableauWebhooks.Output.TableauWebhookEvent').Count";

        [Fact]
        public void Import_leaves_the_format_table_alone_and_the_first_cmdlet_loads_the_views_once()
        {
            using var shell = HostedPowerShell.WithModule();
            Assert.Equal(0, Count(shell.Run(ViewCount).AssertSucceeded()));

            var table = shell.Run("Get-TableauWebhookEvent -Name DatasourceRefreshFailed | Format-Table | Out-Default").AssertSucceeded().HostText;
            Assert.Equal(1, Count(shell.Run(ViewCount).AssertSucceeded()));
            // The module's table view (not PowerShell's default list of every property) rendered the object.
            var header = table.Split('\n').Select(l => l.Trim()).First(l => l.Length > 0);
            Assert.Matches(@"^Name\s+Resource\s+", header);

            shell.Run("Get-TableauWebhookEvent | Out-Null; Get-TableauSession").AssertSucceeded();
            Assert.Equal(1, Count(shell.Run(ViewCount).AssertSucceeded()));
        }

        [Fact]
        public void The_very_first_object_the_module_outputs_is_shown_with_its_view()
        {
            using var shell = HostedPowerShell.WithModule();
            var text = shell.Run("Get-TableauWebhookEvent -Name DatasourceRefreshFailed | Out-Default").AssertSucceeded().HostText;
            Assert.Matches(@"(?m)^Name\s+Resource\s+Since\s+Api\s+Description\s*$", text);
        }

        [Fact]
        public void A_runspace_without_Update_FormatData_still_gets_every_object_and_a_verbose_note()
        {
            // A core runspace without Microsoft.PowerShell.Utility, as a restricted endpoint may be.
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript("Import-Module -Name $args[0] -ErrorAction Stop; Get-TableauWebhookEvent -Verbose").AddArgument(ModuleLayout.BuiltManifestPath);
            var output = ps.Invoke();

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(22, output.Count);
            Assert.Contains(ps.Streams.Verbose, v => v.Message.Contains("Update-FormatData is not available", StringComparison.Ordinal));
        }

        private static int Count(ScriptResult result) => Convert.ToInt32(result.Output.Single().BaseObject);
    }
}
