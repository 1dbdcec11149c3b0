using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Selecting webhooks by name: -Name is a wildcard pattern, -LiteralName a name as it is, both filtered by -Event and
    /// -Enabled, both reporting a missing name exactly when their own match finds nothing; completion writes names that
    /// read back as the one webhook and reads what was typed as the parameter does. (The full set of awkward names, in
    /// a real shell, is in tests/TableauWebhooks.Pester/Names.Tests.ps1.)
    /// </summary>
    public sealed class NameSelectionTests : ModuleScope
    {
        private CompletionResult[] Complete(string input)
        {
            var result = Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", input).AssertSucceeded();
            return result.Output.Select(o => (CompletionResult)o.BaseObject).ToArray();
        }

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
        public void LiteralName_takes_names_as_they_are_ignoring_case_and_combines_with_Event_and_Enabled()
        {
            Seed();
            Assert.Equal(new[] { "a1" }, Names("Get-TableauWebhook -Name 'a[1]'"));
            Assert.Equal(new[] { "a[1]" }, Names("Get-TableauWebhook -LiteralName 'A[1]'"));
            Assert.Equal(new[] { "a[1]", "prod*" }, Names("Get-TableauWebhook -LiteralName 'a[1]', 'prod*', 'a[1]'"));
            Assert.Equal(new[] { "prod*" }, Names("Get-TableauWebhook -LiteralName 'prod*', 'a[1]' -Event DatasourceRefreshFailed"));
            Assert.Equal(new[] { "a[1]" }, Names("Get-TableauWebhook -LiteralName 'prod*', 'a[1]' -Enabled $false"));

            // A name filtered out by -Event exists: no error, as with -Name.
            Assert.Empty(Run("Get-TableauWebhook -LiteralName 'a[1]' -Event ViewDeleted").AssertSucceeded().Output);
            Run("Get-TableauWebhook -LiteralName 'a[2]'").AssertSingleError("WebhookNotFound", ErrorCategory.ObjectNotFound, "a[2]");
        }

        [Fact]
        public void LiteralName_is_its_own_set_and_does_not_bind_from_the_pipeline()
        {
            var sets = Run("(Get-Command Get-TableauWebhook).Parameters['LiteralName'].ParameterSets.GetEnumerator() | ForEach-Object { '{0} {1} {2} {3}' -f $_.Key, $_.Value.IsMandatory, $_.Value.ValueFromPipeline, $_.Value.ValueFromPipelineByPropertyName }")
                .AssertSucceeded().Output.Select(o => o.BaseObject).ToArray();
            Assert.Equal(new object[] { "LiteralName True False False" }, sets);

            Seed();
            // A piped webhook still re-reads by its Id; an object with only a Name binds to nothing and is refused.
            Assert.Equal(new[] { "a[1]" }, Names("Get-TableauWebhook -LiteralName 'a[1]' | Get-TableauWebhook"));
            var unbound = Run("[pscustomobject]@{ Name = 'a[1]' } | Get-TableauWebhook");
            Assert.Empty(unbound.Output);
            Assert.StartsWith("InputObjectNotBound,", Assert.Single(unbound.AllErrors).FullyQualifiedErrorId);
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

        [Fact]
        public void Name_completion_escapes_wildcards_and_reads_what_was_typed_as_a_pattern()
        {
            Seed();
            var prod = Complete("Get-TableauWebhook -Name prod");
            Assert.Equal(new[] { "'prod`*'", "prod-finance" }, prod.Select(m => m.CompletionText));
            Assert.Equal(new[] { "prod*", "prod-finance" }, prod.Select(m => m.ListItemText));

            // What was typed is what -Name would select, with * appended: an escaped wildcard is literal, a bare one is not.
            Assert.Equal(new[] { "'prod`*'" }, Complete("Get-TableauWebhook -Name 'prod`*").Select(m => m.CompletionText));
            Assert.Equal(new[] { "'prod`*'", "prod-finance" }, Complete("Get-TableauWebhook -Name 'prod`").Select(m => m.CompletionText));
            Assert.Equal(new[] { "prod-finance" }, Complete("Get-TableauWebhook -Name *fin").Select(m => m.CompletionText));
            Assert.Equal(new[] { "a1", "'a`[1`]'" }, Complete("Get-TableauWebhook a").Select(m => m.CompletionText));
            Assert.Equal(new[] { "'O''Brien'" }, Complete("Get-TableauWebhook -Name 'o''b").Select(m => m.CompletionText));
        }

        [Fact]
        public void LiteralName_completion_inserts_and_matches_names_as_they_are()
        {
            Seed();
            Assert.Equal(new[] { "'prod*'", "prod-finance" }, Complete("Get-TableauWebhook -LiteralName prod").Select(m => m.CompletionText));
            Assert.Equal(new[] { "'a[1]'" }, Complete("Get-TableauWebhook -LiteralName 'a[").Select(m => m.CompletionText));
            Assert.Empty(Complete("Get-TableauWebhook -LiteralName *fin"));
            Assert.Equal(new[] { "'O''Brien'" }, Complete("Get-TableauWebhook -LiteralName O").Select(m => m.CompletionText));

            foreach (var completion in Complete("Get-TableauWebhook -LiteralName "))
            {
                var found = Run("& ([scriptblock]::Create('Get-TableauWebhook -LiteralName ' + $args[0]))", completion.CompletionText).AssertSucceeded().Output;
                Assert.Equal(completion.ListItemText, found.Single().Property<string>("Name"));
            }
        }
    }
}
