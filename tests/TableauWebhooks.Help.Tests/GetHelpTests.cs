using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Help.Tests
{
    /// <summary>Get-Help on the installed (built) module shows the help the docs describe.</summary>
    public sealed class GetHelpTests : IClassFixture<ModuleFixture>
    {
        private readonly ModuleFixture _module;

        public GetHelpTests(ModuleFixture module) => _module = module;

        [Theory]
        [MemberData(nameof(Docs.CommandNames), MemberType = typeof(Docs))]
        public void Full_help_has_synopsis_description_every_parameter_and_examples(string cmdlet)
        {
            var result = _module.Run(@"
$help = Get-Help -Name $args[0] -Full
[pscustomobject]@{
    Synopsis    = [string]$help.Synopsis
    Description = (@($help.description) | ForEach-Object { $_.Text }) -join ""`n""
    Examples    = @($help.examples.example).Count
    Parameters  = @(@($help.parameters.parameter) | ForEach-Object {
        [pscustomobject]@{ Name = [string]$_.name; Description = (@($_.description) | ForEach-Object { $_.Text }) -join ' ' }
    })
}", cmdlet);
            Assert.True(result.Succeeded, result.Describe());
            var help = result.Output.Single();
            var synopsis = (string)help.Properties["Synopsis"].Value;
            Assert.False(string.IsNullOrWhiteSpace(synopsis), $"{cmdlet}: Get-Help shows no synopsis.");
            Assert.False(synopsis.StartsWith(cmdlet, StringComparison.OrdinalIgnoreCase),
                $"{cmdlet}: the synopsis is the generated syntax, so the external help was not found: {synopsis}");
            Assert.Equal(Docs.Command(cmdlet).Synopsis.First(), synopsis);
            Assert.False(string.IsNullOrWhiteSpace((string)help.Properties["Description"].Value), $"{cmdlet}: Get-Help shows no description.");
            Assert.True((int)help.Properties["Examples"].Value >= 2, $"{cmdlet}: Get-Help shows fewer than two examples.");

            var shown = ((object[])help.Properties["Parameters"].Value).Cast<PSObject>()
                .ToDictionary(p => (string)p.Properties["Name"].Value, p => (string)p.Properties["Description"].Value, StringComparer.OrdinalIgnoreCase);
            var info = _module.Cmdlets[cmdlet];
            foreach (var parameter in info.Parameters.Keys.Where(p => !Cmdlet.CommonParameters.Contains(p)))
            {
                Assert.True(shown.TryGetValue(parameter, out var description), $"{cmdlet}: Get-Help -Full does not show -{parameter}.");
                Assert.False(string.IsNullOrWhiteSpace(description), $"{cmdlet}: Get-Help -Full shows -{parameter} without a description.");
            }
        }

        [Theory]
        [MemberData(nameof(Docs.CommandNames), MemberType = typeof(Docs))]
        public void Full_help_renders_every_section(string cmdlet)
        {
            var result = _module.Run("Get-Help -Name $args[0] -Full | Out-Default", cmdlet);
            Assert.True(result.Succeeded, result.Describe());
            foreach (var heading in new[] { "NAME", "SYNOPSIS", "SYNTAX", "DESCRIPTION", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "Example 1", "Example 2", "RELATED LINKS" })
                Assert.Contains(heading, result.HostText);
            var synopsis = Docs.Command(cmdlet).Synopsis.First();
            Assert.Contains(synopsis.Substring(0, Math.Min(20, synopsis.Length)), result.HostText);
        }

        [Fact]
        public void About_topic_is_found()
        {
            var result = _module.Run("Get-Help -Name about_TableauWebhooks | Out-Default");
            Assert.True(result.Succeeded, result.Describe());
            Assert.Contains("about_tableauwebhooks", result.HostText, StringComparison.OrdinalIgnoreCase);
            foreach (var text in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION", "Sessions and the default session", "Events and their two name forms", "Errors and ErrorIds", "Retries and signing in again", "The Tableau server simulator" })
                Assert.Contains(text, result.HostText);
        }
    }
}
