using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Export-TableauWebhook is all or nothing: a site that cannot be read (a gateway's 502 after the retries, a site that
    /// does not exist) writes no file and leaves an existing one byte for byte, and a file is replaced in one step with no
    /// temporary file left behind; the document speaks for the sites read, those without webhooks too; and two webhooks
    /// with one name on a site are exported with a warning naming their ids.
    /// </summary>
    public sealed class ExportSafetyTests : ModuleScope, IDisposable
    {
        private static readonly DateTime Earlier = new DateTime(2020, 1, 2, 3, 4, 5, DateTimeKind.Utc);
        private readonly TemporaryFolder _temporary = new TemporaryFolder("twh-export-safety-");
        private string Folder => _temporary.FullName;

        public void Dispose() => _temporary.Dispose();

        private string FinanceId => Simulator.Options.Sites.Single(s => s.ContentUrl == "finance").Id;

        /// <summary>A good export of both sites, dated in the past so that any write shows in its timestamp.</summary>
        private (string Path, byte[] Bytes) GoodExport()
        {
            Simulator.State.SeedWebhooks(2, "", "default-");
            Simulator.State.SeedWebhooks(2, "finance", "finance-");
            var path = Path.Combine(Folder, "all.json");
            Run("Export-TableauWebhook -AllSites -Path $args[0]", path).AssertSucceeded();
            File.SetLastWriteTimeUtc(path, Earlier);
            return (path, File.ReadAllBytes(path));
        }

        private void AssertUntouched(string path, byte[] bytes)
        {
            Assert.Equal(bytes, File.ReadAllBytes(path));
            Assert.Equal(Earlier, File.GetLastWriteTimeUtc(path));
            Assert.Equal(new[] { Path.GetFileName(path) }, Directory.GetFiles(Folder).Select(Path.GetFileName)); // no temporary file
        }

        // Bug it kills: the export wrote the sites it could read over the file, so a nightly job committed a file missing a
        // whole site, and the next Sync -Prune emptied that site on the server.
        [Fact]
        public void A_site_that_answers_502_after_the_retries_leaves_the_existing_file_byte_for_byte()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -MaximumRetryCount 2 -RetryIntervalSec 0.01").AssertSucceeded();
            var (path, bytes) = GoodExport();
            for (var i = 0; i < 3; i++) Simulator.EnqueueFault(FaultKind.BadGateway, "GET", $"/sites/{FinanceId}/webhooks");
            var before = Simulator.State.RequestLog.Count;

            var result = Run("Export-TableauWebhook -AllSites -Path $args[0] -Force", path);

            var errors = result.AllErrors.ToList();
            Assert.Equal(2, errors.Count);
            Assert.StartsWith("Site 'finance': ", errors[0].ErrorDetails.Message);
            Assert.Contains("Gave up after 3 attempts", errors[0].ErrorDetails.Message);
            var stop = errors[1];
            Assert.Equal("ExportIncomplete", stop.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal(ErrorCategory.ReadError, stop.CategoryInfo.Category);
            Assert.Equal(path, stop.TargetObject);
            Assert.Contains($"Nothing was written to '{path}': the webhooks of site 'finance' could not be read", stop.Exception.Message);
            Assert.Contains("The file is as it was.", stop.Exception.Message);
            Assert.Equal(3, Simulator.State.RequestLog.Skip(before).Count(r => r.StatusCode == 502)); // the retries were spent
            AssertUntouched(path, bytes);
        }

        // Bug it kills: -Site nosuch -Force wrote an empty document over a good file.
        [Fact]
        public void A_site_that_does_not_exist_leaves_the_file_as_it_was()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var (path, bytes) = GoodExport();

            var result = Run("Export-TableauWebhook -Site 'nosuch' -Path $args[0] -Force", path);

            Assert.Equal(new[] { "SiteNotFound", "ExportIncomplete" }, result.AllErrors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Contains("the webhooks of site 'nosuch' could not be read", result.AllErrors.Last().Exception.Message);
            AssertUntouched(path, bytes);
        }

        [Fact]
        public void Every_site_that_failed_is_named_and_no_file_is_created()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Path.Combine(Folder, "new.json");

            var result = Run("Export-TableauWebhook -Site 'nosuch', '', 'gone' -Path $args[0]", path);

            Assert.Equal(new[] { "SiteNotFound", "SiteNotFound", "ExportIncomplete" }, result.AllErrors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            var stop = result.AllErrors.Last().Exception.Message;
            Assert.Contains("the webhooks of site 'nosuch' and site 'gone' could not be read", stop);
            Assert.Contains("No file was created.", stop);
            Assert.Empty(Directory.GetFiles(Folder));
        }

        [Fact]
        public void Without_Path_the_document_of_what_was_read_comes_with_the_errors_and_speaks_only_for_those_sites()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.State.SeedWebhooks(1, "finance", "finance-");

            var result = Run("Export-TableauWebhook -Site 'finance', 'nosuch'");

            Assert.Equal("SiteNotFound", Assert.Single(result.Errors).FullyQualifiedErrorId.Split(',')[0]);
            Assert.Single(result.AllErrors);
            using var document = JsonDocument.Parse((string)result.Output.Single().BaseObject);
            Assert.Equal(new[] { "finance" }, document.RootElement.GetProperty("sites").EnumerateArray().Select(s => s.GetString()));
            Assert.Equal("finance-1", document.RootElement.GetProperty("webhooks")[0].GetProperty("Name").GetString());
        }

        // Bug it kills: a site without webhooks added nothing to the document, so no sync could ever empty a site on purpose.
        [Fact]
        public void A_site_without_webhooks_is_listed_in_sites()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.State.SeedWebhooks(1, "", "default-");

            using var document = JsonDocument.Parse((string)Run("Export-TableauWebhook -AllSites").AssertSucceeded().Output.Single().BaseObject);

            Assert.Equal(new[] { "", "finance" }, document.RootElement.GetProperty("sites").EnumerateArray().Select(s => s.GetString()));
            Assert.Single(document.RootElement.GetProperty("webhooks").EnumerateArray());
        }

        [Fact]
        public void Replacing_a_file_leaves_no_temporary_file_and_a_failed_write_none_either()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var (path, _) = GoodExport();
            Simulator.State.SeedWebhooks(1, "finance", "later-");

            Run("Export-TableauWebhook -AllSites -Path $args[0] -Force", path).AssertSucceeded();
            Assert.Contains("later-1", File.ReadAllText(path));
            Assert.Equal(new[] { "all.json" }, Directory.GetFiles(Folder).Select(Path.GetFileName));

            // A folder where the file should be: the move fails, and nothing is left behind.
            var folderInTheWay = Path.Combine(Folder, "taken.json");
            Directory.CreateDirectory(folderInTheWay);
            Run("Export-TableauWebhook -Path $args[0] -Force", folderInTheWay).AssertSingleError("ExportFileWriteFailed", ErrorCategory.WriteError, folderInTheWay);
            Assert.Equal(new[] { "all.json" }, Directory.GetFiles(Folder).Select(Path.GetFileName));
            Assert.True(Directory.Exists(folderInTheWay));
        }

        // Bug it kills: both were written without a word, and a sync of the file refused them both with no hint why.
        [Fact]
        public void Two_webhooks_with_one_name_are_exported_with_a_warning_naming_their_ids()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("1..2 | ForEach-Object { $null = New-TableauWebhook -Name twin -Event WorkbookCreated -DestinationUrl ($Receiver + 'twin' + $_) -AllowDuplicateName }").AssertSucceeded();
            var ids = Simulator.State.WebhooksForSite("").Select(w => w.Id).ToList();

            var result = Run("Export-TableauWebhook").AssertSucceeded();

            var warning = Assert.Single(result.Warnings);
            Assert.StartsWith("The Default site has 2 webhooks named 'twin' (", warning);
            Assert.All(ids, id => Assert.Contains(id, warning));
            Assert.Contains("Remove-TableauWebhook -Id ", warning);
            using var document = JsonDocument.Parse((string)result.Output.Single().BaseObject);
            Assert.Equal(2, document.RootElement.GetProperty("webhooks").GetArrayLength());
        }
    }
}
