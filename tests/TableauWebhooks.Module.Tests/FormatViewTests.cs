using System;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using TableauWebhooks.Hosting;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// The manifest loads the format views at import (FormatsToProcess), so they are in place before any command runs,
    /// whichever modules the host has loaded. Real pwsh proves the rendering too (tests/Pester/Display.Tests.ps1).
    /// </summary>
    public sealed class FormatViewTests
    {
        private const string ViewCount = "@(Get-FormatData -TypeName 'TableauWebhooks.Output.TableauWebhookEvent').Count";

        [Fact]
        public void Import_loads_the_views_before_any_command_runs()
        {
            using var shell = HostedPowerShell.WithModule();
            Assert.Equal(1, Count(shell.Run(ViewCount).AssertSucceeded()));

            shell.Run("Get-TableauWebhookEvent | Out-Null").AssertSucceeded();
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
        public void A_runspace_without_Microsoft_PowerShell_Utility_imports_the_module_and_gets_every_object()
        {
            // A core runspace without Microsoft.PowerShell.Utility, as a restricted endpoint may be: the views are
            // loaded by the engine itself at import, not by a cmdlet that might be missing.
            using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
            runspace.Open();
            using var ps = PowerShell.Create();
            ps.Runspace = runspace;
            ps.AddScript("Import-Module -Name $args[0] -ErrorAction Stop; Get-TableauWebhookEvent").AddArgument(ModuleLayout.BuiltManifestPath);
            var output = ps.Invoke();

            Assert.Empty(ps.Streams.Error);
            Assert.Equal(22, output.Count);
        }

        private static int Count(ScriptResult result) => Convert.ToInt32(result.Output.Single().BaseObject);
    }
}
