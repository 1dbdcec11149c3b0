using System;
using System.Linq;
using System.Management.Automation;
using System.Text.RegularExpressions;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Selecting webhooks by name: -Name is a wildcard pattern, -LiteralName a name as it is, both filtered by -Event and
    /// -Enabled, both reporting a missing name exactly when their own match finds nothing; completion writes names that
    /// read back as the one webhook and reads what was typed as the parameter does. (The full set of awkward names, in
    /// a real shell, is in tests/TableauWebhooks.Pester/Names.Tests.ps1.) The cmdlets that act on webhooks select them
    /// by name the same way (issue 21, point 8: they took only -Id or piped webhooks).
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

        private static readonly string[] Acting = { "Remove-TableauWebhook", "Set-TableauWebhook", "Enable-TableauWebhook", "Disable-TableauWebhook", "Test-TableauWebhook" };

        private string[] NamesOnServer() => Simulator.State.Webhooks.Select(w => w.Name).OrderBy(n => n, StringComparer.Ordinal).ToArray();

        private void SeedForActing()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(@"
foreach ($name in 'old-1', 'old-2', 'keep', 'a[1]', 'a1') {
    $null = New-TableauWebhook -Name $name -Event WorkbookCreated -DestinationUrl ($Receiver + 'n')
}").AssertSucceeded();
        }

        // Kills: acting on the first match only, a -WhatIf that lists one line for a pattern instead of one per webhook
        // (or removes), and -LiteralName read as a pattern (a[1] would also remove a1).
        [Fact]
        public void Remove_Name_removes_each_webhook_a_pattern_selects_and_WhatIf_lists_each()
        {
            SeedForActing();

            var preview = Run("Remove-TableauWebhook -Name 'OLD-*' -WhatIf").AssertSucceeded();
            Assert.Equal(2, Regex.Matches(preview.HostText, "What if: Performing the operation \"Remove webhook\" on target \"'old-[12]' \\(").Count);
            Assert.Equal(5, Simulator.State.Webhooks.Count);

            Run("Remove-TableauWebhook -Name 'old-*'").AssertSucceeded();
            Assert.Equal(new[] { "a1", "a[1]", "keep" }, NamesOnServer());

            Run("Remove-TableauWebhook -LiteralName 'a[1]'").AssertSucceeded();
            Assert.Equal(new[] { "a1", "keep" }, NamesOnServer());
        }

        // Kills: a value that selects nothing passing in silence (a name or, on a cmdlet that changes things, a pattern),
        // several values reported as one, errors written after the changes (-ErrorAction Stop would stop too late), and
        // an -ErrorAction that is not honoured.
        [Fact]
        public void Each_value_that_selects_nothing_is_one_error_written_before_any_change()
        {
            SeedForActing();

            var result = Run("Remove-TableauWebhook -Name 'keep', 'nothing*', 'missing'");
            Assert.Equal(new object[] { "nothing*", "missing" }, result.Errors.Select(e => ScriptResultAssertions.Unwrap(e.TargetObject)));
            Assert.All(result.Errors, e => Assert.StartsWith("WebhookNotFound,", e.FullyQualifiedErrorId));
            Assert.All(result.Errors, e => Assert.Equal(ErrorCategory.ObjectNotFound, e.CategoryInfo.Category));
            Assert.Equal("No webhook on the Default site has a name that matches 'nothing*'.", result.Errors[0].ToString());
            Assert.Equal("No webhook named 'missing' exists on the Default site.", result.Errors[1].ToString());
            Assert.DoesNotContain("keep", NamesOnServer());

            var stopped = Run("Remove-TableauWebhook -LiteralName 'a1', 'missing' -ErrorAction Stop");
            Assert.StartsWith("WebhookNotFound,", stopped.TerminatingError!.FullyQualifiedErrorId);
            Assert.Contains("a1", NamesOnServer());

            Assert.Empty(Run("Remove-TableauWebhook -Name 'a1', 'missing' -ErrorAction SilentlyContinue").AllErrors);
            Assert.DoesNotContain("a1", NamesOnServer());
        }

        // Kills: a name selector that exists on Remove only, and one that acts on a single match.
        [Fact]
        public void Set_Enable_Disable_and_Test_act_on_each_webhook_a_name_selects()
        {
            SeedForActing();

            var disabled = Run("Disable-TableauWebhook -Name 'old-*' -Reason 'retired' -PassThru").AssertSucceeded().Output;
            Assert.Equal(new[] { "old-1", "old-2" }, disabled.Select(w => w.Property<string>("Name")));
            Assert.Equal(new[] { "old-1", "old-2" }, Simulator.State.Webhooks.Where(w => !w.IsEnabled).Select(w => w.Name).OrderBy(n => n));

            Assert.Equal(2, Run("Enable-TableauWebhook -LiteralName 'old-1', 'old-2' -PassThru").AssertSucceeded().Output.Count);
            Assert.All(Simulator.State.Webhooks, w => Assert.True(w.IsEnabled));

            var moved = Run("Set-TableauWebhook -Name 'old-*' -DestinationUrl ($Receiver + 'moved') -PassThru").AssertSucceeded().Output;
            Assert.Equal(2, moved.Count);
            Assert.Equal(new[] { "old-1", "old-2" }, Simulator.State.Webhooks.Where(w => w.Url.EndsWith("/moved", StringComparison.Ordinal)).Select(w => w.Name).OrderBy(n => n));

            var tested = Run("Test-TableauWebhook -Name 'old-*'").AssertSucceeded().Output;
            Assert.Equal(new[] { "old-1", "old-2" }, tested.Select(t => t.Property<string>("WebhookName")));
            Assert.Equal(2, Simulator.State.RequestLog.Count(r => r.Path.EndsWith("/test", StringComparison.Ordinal)));
        }

        // Kills: -Name or -LiteralName taking pipeline input (a webhook or CSV row with a Name would bind to it, or be
        // ambiguous with -Id), piped webhooks losing their InputObject binding, and Set's old -Name (the new name)
        // still meaning a rename beside -Id.
        [Fact]
        public void Names_take_nothing_from_the_pipeline_and_piped_webhooks_ids_and_rows_bind_as_before()
        {
            foreach (var command in Acting)
            {
                var sets = Run("foreach ($p in 'Name', 'LiteralName') { (Get-Command $args[0]).Parameters[$p].ParameterSets.GetEnumerator() | ForEach-Object { '{0} {1} {2} {3}' -f $_.Key, $_.Value.IsMandatory, $_.Value.ValueFromPipeline, $_.Value.ValueFromPipelineByPropertyName } }", command)
                    .AssertSucceeded().Output.Select(o => o.BaseObject).ToArray();
                Assert.Equal(new object[] { "Name True False False", "LiteralName True False False" }, sets);
            }

            SeedForActing();
            Run("Get-TableauWebhook -Name 'old-1' | Disable-TableauWebhook").AssertSucceeded();
            Run("[string](Get-TableauWebhook -Name 'old-2').Id | Disable-TableauWebhook").AssertSucceeded();
            var row = Run("[pscustomobject]@{ Id = [string](Get-TableauWebhook -Name 'keep').Id; Name = 'old-*' } | Set-TableauWebhook -DestinationUrl ($Receiver + 'row') -PassThru").AssertSucceeded();
            Assert.Equal("keep", row.Output.Single().Property<string>("Name"));
            Assert.Equal(new[] { "old-1", "old-2" }, Simulator.State.Webhooks.Where(w => !w.IsEnabled).Select(w => w.Name).OrderBy(n => n));

            var old = Run("Set-TableauWebhook -Id (Get-TableauWebhook -Name 'keep').Id -Name 'renamed'");
            Assert.StartsWith("AmbiguousParameterSet,", Assert.Single(old.AllErrors).FullyQualifiedErrorId);
            var typedName = Run("Remove-TableauWebhook keep");
            Assert.Contains("To select webhooks by name, use -Name.", Assert.Single(typedName.AllErrors).Exception.Message);
            Assert.Contains("keep", NamesOnServer());
        }

        // Kills: a -Name or -LiteralName without the completer Get-TableauWebhook's have.
        [Fact]
        public void Name_and_LiteralName_complete_on_every_cmdlet_that_acts_on_webhooks()
        {
            Seed();
            foreach (var command in Acting)
            {
                Assert.Equal(new[] { "'prod`*'", "prod-finance" }, Complete(command + " -Name prod").Select(m => m.CompletionText));
                Assert.Equal(new[] { "'prod*'", "prod-finance" }, Complete(command + " -LiteralName prod").Select(m => m.CompletionText));
            }
        }
    }
}
