using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TableauWebhooks.Hosting;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>The laid-out module folder is a valid, importable module with an explicit export list.</summary>
    public sealed class ManifestTests
    {
        private static readonly string[] ExpectedCmdlets =
        {
            "Connect-TableauServer", "ConvertFrom-TableauWebhookPayload", "Disable-TableauWebhook", "Disconnect-TableauServer", "Enable-TableauWebhook", "Export-TableauWebhook", "Get-TableauSession", "Get-TableauSite",
            "Get-TableauWebhook", "Get-TableauWebhookEvent", "New-TableauWebhook", "Receive-TableauWebhookEvent", "Remove-TableauWebhook", "Set-TableauWebhook", "Switch-TableauSite", "Sync-TableauWebhook", "Test-TableauWebhook",
            "Test-TableauWebhookDocument",
        };

        [Fact]
        public void Test_ModuleManifest_passes_and_the_version_is_stamped_from_the_build()
        {
            using var shell = HostedPowerShell.Create();
            var manifest = shell.Run("Test-ModuleManifest -Path $args[0] -ErrorAction Stop", ModuleLayout.BuiltManifestPath).AssertSucceeded().Output.Single();

            var props = File.ReadAllText(Path.Combine(ModuleLayout.RepositoryRoot, "Directory.Build.props"));
            var version = Regex.Match(props, "<VersionPrefix>(.*?)</VersionPrefix>").Groups[1].Value;
            Assert.Equal(version, manifest.Property<System.Version>("Version").ToString());
            Assert.Equal(ExpectedCmdlets, ((System.Collections.IDictionary)manifest.Property<object>("ExportedCmdlets")).Keys.Cast<string>().OrderBy(n => n));
        }

        [Fact]
        public void Import_exports_exactly_the_documented_cmdlets()
        {
            using var shell = HostedPowerShell.WithModule();
            var names = shell.Run("(Get-Command -Module TableauWebhooks).Name").AssertSucceeded().Output.Select(o => (string)o.BaseObject).OrderBy(n => n);
            Assert.Equal(ExpectedCmdlets, names);
        }

        [Fact]
        public void Every_change_cmdlet_supports_WhatIf_and_Confirm()
        {
            using var shell = HostedPowerShell.WithModule();
            // Test-TableauWebhookDocument reads files and changes nothing, on no server: nothing to confirm.
            var lacking = shell.Run(@"
Get-Command -Module TableauWebhooks -Verb New, Set, Enable, Disable, Test, Remove |
    Where-Object { $_.Name -ne 'Test-TableauWebhookDocument' } |
    Where-Object { -not ($_.Parameters.ContainsKey('WhatIf') -and $_.Parameters.ContainsKey('Confirm')) } |
    ForEach-Object Name").AssertSucceeded().Output;
            Assert.Empty(lacking);
        }

        [Theory]
        [InlineData("build.ps1")]
        [InlineData("tests/TableauWebhooks.Quickstart/quickstart.ps1")]
        public void Shipped_scripts_parse_without_errors(string relativePath)
        {
            // pwsh is not on the build machines, so build.ps1 cannot run here; the engine's parser still checks it.
            var path = Path.Combine(ModuleLayout.RepositoryRoot, relativePath);
            System.Management.Automation.Language.Parser.ParseFile(path, out _, out var errors);
            Assert.Empty(errors.Select(e => $"{e.Extent.StartLineNumber}: {e.Message}"));
        }
    }
}
