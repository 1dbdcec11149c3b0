using System;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>What an admin sees in the first minute: tables, tab completion, the event catalog, progress and -Verbose.</summary>
    public sealed class ExperienceTests : ModuleScope
    {
        private CompletionResult[] Complete(string input)
        {
            var result = Run("(TabExpansion2 -inputScript $args[0] -cursorColumn $args[0].Length).CompletionMatches", input).AssertSucceeded();
            return result.Output.Select(o => (CompletionResult)o.BaseObject).ToArray();
        }

        private void SeedWebhooks()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(@"
New-TableauWebhook -Name 'extract-failed' -Event DatasourceRefreshFailed -DestinationUrl ($Receiver + 'a') | Out-Null
New-TableauWebhook -Name 'extract done' -Event DatasourceRefreshSucceeded -DestinationUrl ($Receiver + 'b') | Out-Null
New-TableauWebhook -Name 'workbook-published' -Event WorkbookCreated -DestinationUrl ($Receiver + 'c') | Out-Null").AssertSucceeded();
        }

        [Fact]
        public void Event_catalog_lists_every_event_in_both_forms_and_filters_by_either()
        {
            var all = Run("Get-TableauWebhookEvent").AssertSucceeded().Output;
            Assert.Equal(22, all.Count);
            var admin = all.Single(e => e.Property<string>("Name") == "AdminPromoted");
            Assert.Equal("webhook-event-user-promoted-admin", admin.Property<string>("LegacyName"));
            Assert.Equal(new Version(3, 11), admin.Property<Version>("IntroducedInApi"));
            Assert.Equal("2021.1", admin.Property<string>("IntroducedInTableau"));
            Assert.False(string.IsNullOrWhiteSpace(admin.Property<string>("Description")));

            Assert.Equal(3, Run("Get-TableauWebhookEvent -Name 'DatasourceRefresh*'").AssertSucceeded().Output.Count);
            Assert.Equal("WorkbookCreated", Run("Get-TableauWebhookEvent webhook-source-event-workbook-created").AssertSucceeded().Output.Single().Property<string>("Name"));
            Run("Get-TableauWebhookEvent -Name 'NoSuchEvent'").AssertSingleError("UnknownWebhookEvent", ErrorCategory.InvalidArgument, "NoSuchEvent");
        }

        [Fact]
        public void Views_render_events_sites_sessions_and_test_results_as_tables()
        {
            SeedWebhooks();
            var events = Run("Get-TableauWebhookEvent -Name 'Workbook*' | Out-Default").AssertSucceeded().HostText;
            Assert.Matches(@"(?m)^Name\s+Resource\s+Since\s+Api\s+Description$", events);
            Assert.Matches(@"(?m)^WorkbookCreated\s+WORKBOOK\s+2019\.4\s+3\.6\s+A workbook was published\.$", events);

            var sites = Run("Get-TableauSite | Out-Default").AssertSucceeded().HostText;
            Assert.Matches(@"(?m)^Name\s+ContentUrl\s+State\s+Id$", sites);
            Assert.Matches(@"(?m)^Default\s+\(Default\)\s+Active\s+[0-9a-f-]{36}$", sites);
            Assert.Matches(@"(?m)^Finance\s+finance\s+Active\s+[0-9a-f-]{36}$", sites);

            var sessions = Run("Get-TableauSession | Out-Default").AssertSucceeded().HostText;
            Assert.Matches(@"(?m)^Default\s+Server\s+Site\s+UserName\s+ApiVersion\s+ExpiresAt$", sessions);
            Assert.Matches(@"(?m)^\*\s+http://127\.0\.0\.1:\d+/\s+\(Default\)\s+admin\s+3\.27\s+\S", sessions);

            var tests = Run("Get-TableauWebhook -Name 'workbook-published' | Test-TableauWebhook | Out-Default").AssertSucceeded().HostText;
            Assert.Matches(@"(?m)^Site\s+WebhookName\s+Success\s+Status\s+DestinationUrl\s+Body$", tests);
            Assert.Matches(@"(?m)^\(Default\)\s+workbook-published\s+True\s+200\s+https://\S+/hooks/c\s+ok$", tests);
        }

        [Fact]
        public void A_commands_verbose_output_shows_only_its_own_requests_not_those_of_tab_completion()
        {
            SeedWebhooks();
            var id = Simulator.State.Webhooks.First().Id;
            // Tab completion lists the site's webhooks through the default session, outside any command.
            Assert.NotEmpty(Complete("Get-TableauWebhook -Name "));
            Assert.Contains(Simulator.State.RequestLog, e => e.Method == "GET" && e.Path.EndsWith("/webhooks", StringComparison.Ordinal));

            var verbose = Run("Get-TableauWebhook -Id $args[0] -Verbose | Out-Null", id).AssertSucceeded().Verbose;

            var requests = verbose.Where(v => v.StartsWith("GET ", StringComparison.Ordinal) || v.StartsWith("POST ", StringComparison.Ordinal)).ToList();
            var only = Assert.Single(requests);
            Assert.Contains($"/webhooks/{id} -> 200", only);
        }

        [Fact]
        public void Event_parameters_complete_names_with_descriptions_in_the_form_typed()
        {
            var matches = Complete("New-TableauWebhook -Event DatasourceRef");
            Assert.Equal(new[] { "DatasourceRefreshFailed", "DatasourceRefreshStarted", "DatasourceRefreshSucceeded" }, matches.Select(m => m.CompletionText));
            Assert.Contains("extract refresh failed", matches[0].ToolTip);

            var legacy = Complete("Get-TableauWebhook -Event webhook-source-event-workbook-c");
            Assert.Equal("webhook-source-event-workbook-created", Assert.Single(legacy).CompletionText);

            Assert.Contains(Complete("Set-TableauWebhook -Id 00000000-0000-0000-0000-000000000000 -Event Admin"), m => m.CompletionText == "AdminDemoted");
            Assert.Equal(22, Complete("Get-TableauWebhookEvent ").Length);
        }

        [Fact]
        public void Name_and_Id_complete_from_the_session_webhooks_fetched_once()
        {
            SeedWebhooks();
            var listsBefore = Simulator.State.RequestLog.Count(r => r.Method == "GET" && r.Path.EndsWith("/webhooks"));

            var names = Complete("Get-TableauWebhook -Name extract");
            Assert.Equal(new[] { "'extract done'", "extract-failed" }, names.Select(m => m.CompletionText));
            Assert.Contains("DatasourceRefreshSucceeded", names[0].ToolTip);

            var ids = Complete("Remove-TableauWebhook -Id workbook");
            var id = Assert.Single(ids);
            Assert.Equal(Simulator.State.Webhooks.Single(w => w.Name == "workbook-published").Id, id.CompletionText);
            Assert.StartsWith("workbook-published (", id.ListItemText);

            // Both completions were served from one list request.
            Assert.Equal(listsBefore + 1, Simulator.State.RequestLog.Count(r => r.Method == "GET" && r.Path.EndsWith("/webhooks")));
        }

        [Fact]
        public void Completion_without_a_session_offers_nothing_and_fails_nothing()
        {
            Assert.Empty(Complete("Get-TableauWebhook -Name x"));
            Assert.Empty(Complete("Remove-TableauWebhook -Id "));
        }

        [Fact]
        public void Site_completes_from_a_session_to_the_same_server()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Assert.Equal(new[] { "''", "finance" }, Complete("Switch-TableauSite -Site ").Select(m => m.CompletionText));
            Assert.Equal("finance", Assert.Single(Complete("Connect-TableauServer -Server " + ServerUrl + " -Site fi")).CompletionText);
            Assert.Empty(Complete("Connect-TableauServer -Server https://elsewhere.example.com -Site fi"));
        }

        [Fact]
        public void Pipelines_report_progress_and_verbose_says_what_each_step_does()
        {
            SeedWebhooks();
            var result = Run("Get-TableauWebhook | Remove-TableauWebhook -Verbose").AssertSucceeded();
            var progress = Shell.Host.Capture.Progress;
            Assert.Equal(3, progress.Count(p => p.Activity == "Removing webhooks" && p.RecordType == ProgressRecordType.Processing));
            Assert.Contains(progress, p => p.StatusDescription.Contains("(item 3)"));
            Assert.Equal(ProgressRecordType.Completed, progress.Last().RecordType);
            Assert.Equal(3, result.Verbose.Count(v => v.StartsWith("Removing webhook '")));

            Run("Connect-AsAdmin").AssertSucceeded();
            var created = Run("1..2 | ForEach-Object { New-TableauWebhook -Name \"p$_\" -Event WorkbookCreated -DestinationUrl ($Receiver + 'p') }").AssertSucceeded().Output;
            Run("Get-TableauWebhook -Id $args[0], $args[1]", created[0].Property<Guid>("Id"), created[1].Property<Guid>("Id")).AssertSucceeded();
            Assert.Contains(Shell.Host.Capture.Progress, p => p.StatusDescription.Contains("(2 of 2)"));

            var verbose = Run("New-TableauWebhook -Name 'v' -Event WorkbookCreated -DestinationUrl ($Receiver + 'v') -Verbose").AssertSucceeded().Verbose;
            Assert.Contains(verbose, v => v.StartsWith("Creating webhook 'v' (WorkbookCreated -> "));
            Assert.Contains(verbose, v => v.StartsWith("Created webhook 'v' with id "));
        }
    }
}
