using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using System.Text.Json;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Export-TableauWebhook: the document's exact text, order and contents, what it leaves out, the file it writes
    /// (-Force, -WhatIf, errors), which webhooks it takes (the site's, piped ones, none) and its session handling.
    /// </summary>
    public sealed class ExportTests : ModuleScope, IDisposable
    {
        private readonly TemporaryFolder _temporary = new TemporaryFolder("twh-export-");
        private string Folder => _temporary.FullName;

        public void Dispose() => _temporary.Dispose();

        private string FilePath(string name = "hooks.json") => Path.Combine(Folder, name);

        private void CreateWebhooks()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(@"
$null = New-TableauWebhook -Name 'b' -Event 'webhook-source-event-workbook-created' -DestinationUrl ($Receiver + 'b') -Disabled
$null = New-TableauWebhook -Name 'a\path' -Event DatasourceRefreshFailed -DestinationUrl ($Receiver + 'a')
# 'B' beside 'b' sorts apart ordinally; New-TableauWebhook counts the two as one name unless told otherwise.
$null = New-TableauWebhook -Name 'B' -Event ViewDeleted -DestinationUrl ($Receiver + 'upper') -AllowDuplicateName").AssertSucceeded();
        }

        private string Expected() => string.Join("\n",
            "{",
            "  \"formatVersion\": 2,",
            "  \"sites\": [",
            "    \"\"",
            "  ],",
            "  \"webhooks\": [",
            "    {",
            "      \"Site\": \"\",",
            "      \"Name\": \"B\",",
            "      \"Event\": \"ViewDeleted\",",
            $"      \"DestinationUrl\": \"{ReceiverUrl}upper\",",
            "      \"Enabled\": true",
            "    },",
            "    {",
            "      \"Site\": \"\",",
            "      \"Name\": \"a\\\\path\",",
            "      \"Event\": \"DatasourceRefreshFailed\",",
            $"      \"DestinationUrl\": \"{ReceiverUrl}a\",",
            "      \"Enabled\": true",
            "    },",
            "    {",
            "      \"Site\": \"\",",
            "      \"Name\": \"b\",",
            "      \"Event\": \"WorkbookCreated\",",
            $"      \"DestinationUrl\": \"{ReceiverUrl}b\",",
            "      \"Enabled\": false",
            "    }",
            "  ]",
            "}");

        [Fact]
        public void Without_Path_returns_the_sites_webhooks_as_one_string_sorted_ordinally_by_name()
        {
            CreateWebhooks();
            var text = (string)Run("Export-TableauWebhook").AssertSucceeded().Output.Single().BaseObject;
            Assert.Equal(Expected(), text);
        }

        [Fact]
        public void The_document_parses_and_holds_only_the_five_declarative_properties()
        {
            CreateWebhooks();
            var ids = Run("(Get-TableauWebhook).Id.Guid").AssertSucceeded().Output.Select(o => o.BaseObject.ToString()!).ToList();
            var text = (string)Run("Export-TableauWebhook").AssertSucceeded().Output.Single().BaseObject;

            using var document = JsonDocument.Parse(text);
            Assert.Equal(new[] { "formatVersion", "sites", "webhooks" }, document.RootElement.EnumerateObject().Select(p => p.Name));
            Assert.Equal(2, document.RootElement.GetProperty("formatVersion").GetInt32());
            Assert.Equal(new[] { "" }, document.RootElement.GetProperty("sites").EnumerateArray().Select(s => s.GetString()));
            foreach (var entry in document.RootElement.GetProperty("webhooks").EnumerateArray())
                Assert.Equal(new[] { "Site", "Name", "Event", "DestinationUrl", "Enabled" }, entry.EnumerateObject().Select(p => p.Name));
            Assert.Equal("a\\path", document.RootElement.GetProperty("webhooks")[1].GetProperty("Name").GetString());
            Assert.Equal(3, ids.Count);
            foreach (var id in ids) Assert.DoesNotContain(id, text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("admin", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("webhook-source-event", text);
        }

        [Fact]
        public void Path_writes_utf8_without_bom_with_LF_and_a_final_newline_and_returns_nothing()
        {
            CreateWebhooks();
            var result = Run("Export-TableauWebhook -Path $args[0]", FilePath()).AssertSucceeded();
            Assert.Empty(result.Output);
            var bytes = File.ReadAllBytes(FilePath());
            Assert.NotEqual(0xEF, bytes[0]);
            Assert.Equal(Expected() + "\n", new UTF8Encoding(false, true).GetString(bytes));
        }

        [Fact]
        public void A_relative_path_is_resolved_against_the_current_location()
        {
            CreateWebhooks();
            Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0]); Export-TableauWebhook -Path 'relative.json'", Folder).AssertSucceeded();
            Assert.True(File.Exists(FilePath("relative.json")));
        }

        [Fact]
        public void An_existing_file_is_kept_with_an_ExportFileExists_error_unless_Force()
        {
            CreateWebhooks();
            File.WriteAllText(FilePath(), "keep");

            var refused = Run("Export-TableauWebhook -Path $args[0]", FilePath());
            refused.AssertSingleError("ExportFileExists", ErrorCategory.ResourceExists, FilePath());
            Assert.Equal("keep", File.ReadAllText(FilePath()));

            Run("Export-TableauWebhook -Path $args[0] -Force", FilePath()).AssertSucceeded();
            Assert.Equal(Expected() + "\n", File.ReadAllText(FilePath()));
        }

        [Fact]
        public void A_folder_that_does_not_exist_is_an_ExportFileWriteFailed_error()
        {
            CreateWebhooks();
            var path = Path.Combine(Folder, "missing", "hooks.json");
            Run("Export-TableauWebhook -Path $args[0]", path).AssertSingleError("ExportFileWriteFailed", ErrorCategory.WriteError, path);
        }

        [Fact]
        public void WhatIf_names_the_file_and_writes_nothing()
        {
            CreateWebhooks();
            var result = Run("Export-TableauWebhook -Path $args[0] -WhatIf", FilePath()).AssertSucceeded();
            Assert.Contains($"What if: Performing the operation \"Export 3 webhooks\" on target \"{FilePath()}\"", result.HostText);
            Assert.False(File.Exists(FilePath()));
        }

        [Fact]
        public void Piped_webhooks_are_the_only_ones_exported_and_the_same_one_twice_is_written_once()
        {
            CreateWebhooks();
            var text = (string)Run("$a = Get-TableauWebhook -LiteralName 'a\\path'; @($a, $a) | Export-TableauWebhook").AssertSucceeded().Output.Single().BaseObject;
            using var document = JsonDocument.Parse(text);
            var entry = Assert.Single(document.RootElement.GetProperty("webhooks").EnumerateArray());
            Assert.Equal("a\\path", entry.GetProperty("Name").GetString());
            Assert.Equal("DatasourceRefreshFailed", entry.GetProperty("Event").GetString());
        }

        [Fact]
        public void An_empty_pipeline_exports_an_empty_list_for_no_site_not_the_whole_site()
        {
            CreateWebhooks();
            var text = (string)Run("@() | Export-TableauWebhook").AssertSucceeded().Output.Single().BaseObject;
            // It speaks for no site, so a sync of it with -Prune removes nothing anywhere.
            Assert.Equal("{\n  \"formatVersion\": 2,\n  \"sites\": [],\n  \"webhooks\": []\n}", text);
        }

        [Fact]
        public void Webhooks_of_several_sites_are_sorted_by_site_then_name_and_each_names_its_site()
        {
            Simulator.State.SeedWebhooks(2, "finance", "fin-");
            Simulator.State.SeedWebhooks(1, "", "default-");
            var text = (string)Run(@"
$default = Connect-AsAdmin -PassThru
$finance = Connect-TableauServer -Server $Server -Site finance -Credential (New-TestCredential 'admin' 'admin') -PassThru
@(Get-TableauWebhook -Session $finance) + @(Get-TableauWebhook -Session $default) | Export-TableauWebhook").AssertSucceeded().Output.Single().BaseObject;
            using var document = JsonDocument.Parse(text);
            var entries = document.RootElement.GetProperty("webhooks").EnumerateArray()
                .Select(e => e.GetProperty("Site").GetString() + "/" + e.GetProperty("Name").GetString()).ToList();
            Assert.Equal(new[] { "/default-1", "finance/fin-1", "finance/fin-2" }, entries);
            // Piped webhooks: the document speaks for their sites.
            Assert.Equal(new[] { "", "finance" }, document.RootElement.GetProperty("sites").EnumerateArray().Select(e => e.GetString()));
        }

        [Fact]
        public void Session_picks_the_site_to_export()
        {
            Simulator.State.SeedWebhooks(1, "finance", "fin-");
            Simulator.State.SeedWebhooks(1, "", "default-");
            var text = (string)Run(@"
Connect-AsAdmin
$finance = Connect-TableauServer -Server $Server -Site finance -Credential (New-TestCredential 'admin' 'admin') -PassThru
Export-TableauWebhook -Session $finance").AssertSucceeded().Output.Single().BaseObject;
            Assert.Contains("\"Site\": \"finance\"", text);
            Assert.DoesNotContain("default-1", text);
        }

        [Fact]
        public void Without_a_session_it_stops_with_TableauSessionNotConnected()
        {
            Run("Export-TableauWebhook").AssertSingleError("TableauSessionNotConnected", ErrorCategory.ConnectionError);
        }
    }
}
