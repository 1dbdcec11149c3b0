using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>Pipelines a user writes: CSV rows into New-, Get- into Remove-/Disable-, rows with an Id column.</summary>
    public sealed class PipelineTests : ModuleScope
    {
        // Import-Csv lives in Microsoft.PowerShell.Utility, which a core runspace lacks; ConvertFrom-Csv likewise.
        // Import-Csv emits PSCustomObjects whose properties are all strings: these rows are built the same way.
        private const string CsvRows = @"
$rows = @(
    [pscustomobject]@{ Name = 'hook-a'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + 'a' }
    [pscustomobject]@{ Name = 'hook-b'; Event = 'webhook-source-event-datasource-created'; DestinationUrl = $Receiver + 'b' }
    [pscustomobject]@{ Name = 'hook-c'; Event = 'ViewDeleted'; DestinationUrl = $Receiver + 'c' }
)";

        [Fact]
        public void Csv_rows_create_webhooks_by_property_name()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var created = Run(CsvRows + "; $rows | New-TableauWebhook").AssertSucceeded().Output;

            Assert.Equal(new[] { "hook-a", "hook-b", "hook-c" }, created.Select(w => w.Property<string>("Name")));
            Assert.Equal(new[] { "WorkbookCreated", "DatasourceCreated", "ViewDeleted" }, created.Select(w => w.Property<string>("Event")));
            Assert.Equal(3, Simulator.State.Webhooks.Count);
        }

        [Fact]
        public void One_bad_row_is_reported_and_the_rest_are_created()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var result = Run(@"
$rows = @(
    [pscustomobject]@{ Name = 'good-1'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + '1' }
    [pscustomobject]@{ Name = 'bad'; Event = 'NoSuchEvent'; DestinationUrl = $Receiver + '2' }
    [pscustomobject]@{ Name = 'good-2'; Event = 'WorkbookDeleted'; DestinationUrl = $Receiver + '3' }
)
$rows | New-TableauWebhook");

            Assert.Equal(new[] { "good-1", "good-2" }, result.Output.Select(w => w.Property<string>("Name")));
            result.AssertSingleError("UnknownWebhookEvent", ErrorCategory.InvalidArgument, "bad");
            Assert.Equal(2, Simulator.State.Webhooks.Count);
        }

        [Fact]
        public void Get_piped_to_Remove_removes_every_webhook_it_lists()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(CsvRows + "; $rows | New-TableauWebhook | Out-Null").AssertSucceeded();

            Run("Get-TableauWebhook -Name 'hook-a','hook-c' | Remove-TableauWebhook").AssertSucceeded();

            var left = Run("Get-TableauWebhook").AssertSucceeded().Output;
            Assert.Equal("hook-b", Assert.Single(left).Property<string>("Name"));
        }

        [Fact]
        public void Rows_with_an_Id_column_bind_Id_by_property_name()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(CsvRows + "; $rows | New-TableauWebhook | Out-Null").AssertSucceeded();

            // Ids as strings, as a CSV export would hold them.
            var result = Run(@"
Get-TableauWebhook | ForEach-Object { [pscustomobject]@{ Id = $_.Id.ToString() } } | Disable-TableauWebhook -PassThru");

            Assert.Equal(3, result.AssertSucceeded().Output.Count);
            Assert.All(result.Output, w => Assert.False(w.Property<bool>("Enabled")));
            Assert.All(result.Output, w => Assert.Equal("Webhook disabled by user", w.Property<string>("StatusChangeReason")));
        }

        [Theory]
        [InlineData("Get-TableauWebhook", "List")]
        [InlineData("Set-TableauWebhook", "InputObject")]
        [InlineData("Enable-TableauWebhook", "InputObject")]
        [InlineData("Disable-TableauWebhook", "InputObject")]
        [InlineData("Test-TableauWebhook", "InputObject")]
        [InlineData("Remove-TableauWebhook", "InputObject")]
        public void Id_takes_ids_piped_by_value_and_by_property_name_and_piped_webhooks_keep_their_default_set(string cmdlet, string defaultSet)
        {
            var command = Run("Get-Command $args[0]", cmdlet).AssertSucceeded().Output.Single();
            var info = (CmdletInfo)command.BaseObject;
            var id = info.Parameters["Id"].ParameterSets["Id"];

            Assert.True(id.ValueFromPipeline, $"{cmdlet} -Id does not bind by value");
            Assert.True(id.ValueFromPipelineByPropertyName, $"{cmdlet} -Id does not bind by property name");
            Assert.Equal(defaultSet, info.DefaultParameterSet);
        }

        [Theory]
        [InlineData("Get-TableauWebhook", "")]
        [InlineData("Set-TableauWebhook", " -DestinationUrl ($Receiver + 'moved') -PassThru")]
        [InlineData("Enable-TableauWebhook", " -PassThru")]
        [InlineData("Disable-TableauWebhook", " -PassThru")]
        [InlineData("Test-TableauWebhook", "")]
        public void Ids_piped_as_text_or_guids_reach_each_cmdlet_and_a_bad_line_fails_alone(string cmdlet, string arguments)
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(CsvRows + "; $rows | New-TableauWebhook | Out-Null").AssertSucceeded();
            var ids = Simulator.State.Webhooks.OrderBy(w => w.Name).Select(w => w.Id).ToArray();

            // Text with spaces around it (a line of ids.txt), a line that is not an id, and a [guid].
            var result = Run($"@(\"  {ids[0]}\t\", 'junk', [guid]'{ids[2]}') | {cmdlet}{arguments}");

            var error = result.AssertSingleError("ParameterArgumentTransformationError", ErrorCategory.InvalidData, "junk");
            Assert.Contains("'junk' is not a webhook id", error.ToString());
            var names = result.Output.Select(o => o.Properties["Name"]?.Value ?? o.Properties["WebhookName"]?.Value).ToArray();
            Assert.Equal(new object[] { "hook-a", "hook-c" }, names);
        }

        [Fact]
        public void Ids_piped_as_text_are_removed()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(CsvRows + "; $rows | New-TableauWebhook | Out-Null").AssertSucceeded();
            var ids = Simulator.State.Webhooks.OrderBy(w => w.Name).Select(w => w.Id).ToArray();

            Run($"'{ids[0]}', ' {ids[2]} ' | Remove-TableauWebhook").AssertSucceeded();

            Assert.Equal("hook-b", Assert.Single(Simulator.State.Webhooks).Name);
        }

        [Fact]
        public void Piped_webhooks_can_be_tested_enabled_and_renamed()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(CsvRows + "; $rows | New-TableauWebhook | Out-Null").AssertSucceeded();

            var tests = Run("Get-TableauWebhook | Test-TableauWebhook").AssertSucceeded().Output;
            Assert.Equal(3, tests.Count);
            Assert.All(tests, t => Assert.True(t.Property<bool>("Success")));

            var renamed = Run("Get-TableauWebhook -Name hook-b | Set-TableauWebhook -NewName 'hook-b2' -PassThru").AssertSucceeded().Output.Single();
            Assert.Equal("hook-b2", renamed.Property<string>("Name"));
            Assert.Equal("DatasourceCreated", renamed.Property<string>("Event"));
        }
    }
}
