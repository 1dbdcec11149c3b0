using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Sync-TableauWebhook in fine grain: how it reads documents and entries (and refuses bad ones before sending
    /// anything), the plan it makes and the requests it sends for it, the result objects, and the site routing it
    /// shares with Get-TableauWebhook -AllSites. The end-to-end flows are in the Pester suite (Sync.Tests.ps1).
    /// </summary>
    public sealed class SyncTests : ModuleScope, IDisposable
    {
        private readonly TemporaryFolder _temporary = new TemporaryFolder("twh-sync-");
        private string Folder => _temporary.FullName;

        public void Dispose() => _temporary.Dispose();

        protected override SimulatorOptions CreateOptions()
        {
            var options = base.CreateOptions();
            options.Sites.Add(new SimulatedSite { Name = "Sales", ContentUrl = "sales" });
            return options;
        }

        private string Document(string entries)
        {
            var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, "{ \"formatVersion\": 1, \"webhooks\": [" + entries + "] }");
            return path;
        }

        private string Entry(string site, string name, string eventName = "WorkbookCreated", string? destination = null, bool enabled = true)
            => $"{{ \"Site\": \"{site}\", \"Name\": \"{name}\", \"Event\": \"{eventName}\", \"DestinationUrl\": \"{destination ?? ReceiverUrl + name}\", \"Enabled\": {(enabled ? "true" : "false")} }}";

        private int ChangingRequests() => Simulator.State.RequestLog.Count(r => r.Path.Contains("/webhooks") && r.Method != "GET");

        private static string Message(ErrorRecord error) => error.ErrorDetails?.Message ?? error.Exception.Message;

        private static string Action(PSObject result) => result.Properties["Action"].Value.ToString()!;
        private static string Outcome(PSObject result) => result.Properties["Outcome"].Value.ToString()!;

        [Theory]
        [InlineData("{ not json", "is not valid JSON at line 1, column 3")]
        [InlineData("", "is not valid JSON")]
        [InlineData("{ \"webhooks\": [] }", "has no formatVersion")]
        [InlineData("{ \"FormatVersion\": 2, \"sites\": [], \"webhooks\": [] }", "has no formatVersion (it has 'FormatVersion': key names are exact)")]
        [InlineData("{ \"formatVersion\": 3, \"webhooks\": [] }", "newer than this module reads (2)")]
        [InlineData("{ \"formatVersion\": \"2\", \"sites\": [], \"webhooks\": [] }", "has the text \"2\" for formatVersion")]
        [InlineData("[ 1, 2 ]", "is not a webhooks document: it is a list")]
        public void A_document_that_cannot_be_read_is_refused_whole_and_nothing_is_sent(string text, string expected)
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Path.Combine(Folder, "bad.json");
            File.WriteAllText(path, text);
            var before = Simulator.State.RequestLog.Count;

            var error = Run("Sync-TableauWebhook -Path $args[0] -Prune", path).AssertSingleError("InvalidSyncDocument", ErrorCategory.InvalidArgument);

            Assert.Contains(expected, error.Exception.Message);
            Assert.Equal(before, Simulator.State.RequestLog.Count);
        }

        [Fact]
        public void A_missing_file_is_SyncDocumentNotFound()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var error = Run("Sync-TableauWebhook -Path $args[0]", Path.Combine(Folder, "nope.json")).AssertSingleError("SyncDocumentNotFound", ErrorCategory.ObjectNotFound);
            Assert.Contains("Nothing was changed", error.Exception.Message);
        }

        [Fact]
        public void Creates_updates_and_leaves_alone_by_site_and_name_with_one_request_per_change()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("$null = New-TableauWebhook -Name same -Event WorkbookCreated -DestinationUrl ($Receiver + 'same'); " +
                "$null = New-TableauWebhook -Name moved -Event WorkbookCreated -DestinationUrl ($Receiver + 'old')").AssertSucceeded();
            var path = Document(string.Join(",", Entry("", "same"), Entry("", "moved", "WorkbookDeleted", ReceiverUrl + "new", enabled: false), Entry("sales", "fresh")));
            var before = ChangingRequests();

            var results = Run("Sync-TableauWebhook -Path $args[0]", path).AssertSucceeded().Output;

            Assert.Equal(new[] { "moved:Update:Done", "same:Unchanged:None", "fresh:Create:Done" },
                results.Select(r => $"{r.Property<string>("Name")}:{Action(r)}:{Outcome(r)}"));
            Assert.Equal(2, ChangingRequests() - before); // one PUT, one POST
            var moved = results[0];
            var changes = ((object[])moved.Property<object>("Changes")).Select(PSObject.AsPSObject).ToArray();
            Assert.Equal(new[] { "Event", "DestinationUrl", "Enabled" }, changes.Select(c => c.Property<string>("Field")));
            Assert.Equal(ReceiverUrl + "old", changes[1].Property<string>("OldValue"));
            Assert.Equal(ReceiverUrl + "new", changes[1].Property<string>("NewValue"));
            var onServer = Simulator.State.WebhooksForSite("").Single(w => w.Name == "moved");
            Assert.Equal((ReceiverUrl + "new", false), (onServer.Url, onServer.IsEnabled));
            Assert.Equal("sales", results[2].Property<string>("Site"));
            Assert.Equal(Simulator.State.WebhooksForSite("sales").Single().Id, results[2].Property<Guid?>("Id").ToString());

            var again = Run("Sync-TableauWebhook -Path $args[0]", path).AssertSucceeded().Output;
            Assert.All(again, r => Assert.Equal("Unchanged", Action(r)));
            Assert.Equal(2, ChangingRequests() - before);
        }

        // URL paths are case-sensitive (RFC 3986), so /Hook and /hook are two receivers: a sync that compared destinations
        // without regard to case would call this webhook Unchanged and leave it posting to the old one.
        [Fact]
        public void A_destination_that_differs_only_in_case_is_planned_and_applied_as_an_Update()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("$null = New-TableauWebhook -Name cased -Event WorkbookCreated -DestinationUrl ($Receiver + 'Hook')").AssertSucceeded();
            var path = Document(Entry("", "cased", destination: ReceiverUrl + "hook"));
            var before = ChangingRequests();

            var planned = Run("Sync-TableauWebhook -Path $args[0] -WhatIf", path).AssertSucceeded().Output.Single();
            Assert.Equal("Update:WhatIf", $"{Action(planned)}:{Outcome(planned)}");
            AssertDestinationChange(planned, ReceiverUrl + "Hook", ReceiverUrl + "hook");
            Assert.Equal(before, ChangingRequests());

            var applied = Run("Sync-TableauWebhook -Path $args[0]", path).AssertSucceeded().Output.Single();
            Assert.Equal("Update:Done", $"{Action(applied)}:{Outcome(applied)}");
            AssertDestinationChange(applied, ReceiverUrl + "Hook", ReceiverUrl + "hook");
            Assert.Equal(ReceiverUrl + "hook", Simulator.State.WebhooksForSite("").Single().Url);
            Assert.Equal(1, ChangingRequests() - before);
            Assert.Equal("Unchanged", Action(Run("Sync-TableauWebhook -Path $args[0]", path).AssertSucceeded().Output.Single()));
        }

        private static void AssertDestinationChange(PSObject result, string oldValue, string newValue)
        {
            var change = PSObject.AsPSObject(Assert.Single((object[])result.Property<object>("Changes")));
            Assert.Equal(("DestinationUrl", oldValue, newValue),
                (change.Property<string>("Field"), change.Property<string>("OldValue"), change.Property<string>("NewValue")));
        }

        [Fact]
        public void WhatIf_plans_every_change_and_sends_none()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("$null = New-TableauWebhook -Name gone -Event WorkbookCreated -DestinationUrl ($Receiver + 'gone')").AssertSucceeded();
            var path = Document(Entry("sales", "fresh"));
            var before = ChangingRequests();

            // -Prune covers only the sites the document lists: the Default site's 'gone' is not touched.
            var results = Run("Sync-TableauWebhook -Path $args[0] -Prune -WhatIf", path).AssertSucceeded().Output;

            Assert.Equal("fresh:Create:WhatIf", results.Select(r => $"{r.Property<string>("Name")}:{Action(r)}:{Outcome(r)}").Single());
            Assert.Equal(before, ChangingRequests());
            Assert.Empty(Simulator.State.WebhooksForSite("sales"));
        }

        [Fact]
        public void Prune_removes_what_the_document_does_not_list_on_the_sites_it_covers_only()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.State.SeedWebhooks(2, "sales", "extra-");
            Simulator.State.SeedWebhooks(1, "finance", "untouched-");
            var path = Document(Entry("sales", "kept"));

            var plain = Run("Sync-TableauWebhook -Path $args[0]", path).AssertSucceeded().Output;
            Assert.Equal(new[] { "kept:Create" }, plain.Select(r => $"{r.Property<string>("Name")}:{Action(r)}"));
            Assert.Equal(3, Simulator.State.WebhooksForSite("sales").Count);

            var pruned = Run("Sync-TableauWebhook -Path $args[0] -Prune", path).AssertSucceeded().Output;
            Assert.Equal(new[] { "extra-1:Remove:Done", "extra-2:Remove:Done", "kept:Unchanged:None" },
                pruned.Select(r => $"{r.Property<string>("Name")}:{Action(r)}:{Outcome(r)}"));
            Assert.Equal("kept", Simulator.State.WebhooksForSite("sales").Single().Name);
            Assert.Single(Simulator.State.WebhooksForSite("finance"));
        }

        // The server's own duplicates are the server's state, not the document's fault: that webhook is left alone, with
        // an error that says how to resolve it, and the rest is applied.
        [Fact]
        public void Two_webhooks_with_one_name_on_the_server_are_left_alone_with_their_ids_and_the_way_out()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("1..2 | ForEach-Object { $null = New-TableauWebhook -Name twin -Event WorkbookCreated -DestinationUrl ($Receiver + 'twin' + $_) -AllowDuplicateName }").AssertSucceeded();
            var ids = Simulator.State.WebhooksForSite("").Select(w => w.Id).ToList();
            var path = Document(string.Join(",", Entry("", "twin"), Entry("", "fine")));
            var before = ChangingRequests();

            var result = Run("Sync-TableauWebhook -Path $args[0] -Prune", path);

            var error = Assert.Single(result.Errors);
            Assert.Equal("AmbiguousWebhookName", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.Contains("2 webhooks are named 'twin'", Message(error));
            Assert.All(ids, id => Assert.Contains(id, Message(error)));
            Assert.Contains("rename the others (Set-TableauWebhook -Id ", Message(error));
            Assert.Contains("or remove them (Remove-TableauWebhook -Id ", Message(error));
            Assert.Equal(new[] { "fine:Create", "twin:Skipped" }, result.Output.Select(r => $"{r.Property<string>("Name")}:{Action(r)}"));
            Assert.Equal(1, ChangingRequests() - before); // only 'fine'
            Assert.Equal(2, Simulator.State.WebhooksForSite("").Count(w => w.Name == "twin"));
        }

        // Bug it kills: a name listed twice was skipped entry by entry and the rest applied, so the document was half
        // applied; now the document is refused, and the message says which entries and how to fix it.
        [Fact]
        public void A_name_listed_twice_for_a_site_refuses_the_document_and_names_both_entries()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Document(string.Join(",", Entry("", "fine"), Entry("", "listed-twice"), Entry("", "listed-twice", "ViewDeleted")));
            var before = Simulator.State.RequestLog.Count;

            var error = Run("Sync-TableauWebhook -Path $args[0] -Prune", path).AssertSingleError("DuplicateSyncEntry", ErrorCategory.InvalidData);

            Assert.StartsWith($"'{path}': webhooks[1] (line 1) and webhooks[2] (line 1) both name the webhook 'listed-twice' on the Default site.", Message(error));
            Assert.Contains("give each webhook its own name", Message(error));
            Assert.Equal(before, Simulator.State.RequestLog.Count);
        }

        [Fact]
        public void A_SiteMap_that_puts_two_sites_names_on_one_site_refuses_the_document()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Document(string.Join(",", Entry("", "same"), Entry("finance", "same")));

            var error = Run("Sync-TableauWebhook -Path $args[0] -SiteMap @{ finance = '' }", path).AssertSingleError("DuplicateSyncEntry", ErrorCategory.InvalidData);

            Assert.Contains("both name the webhook 'same' on the Default site (after -SiteMap)", Message(error));
            Assert.Equal(0, ChangingRequests());
        }

        [Fact]
        public void Csv_rows_need_every_column_and_take_Enabled_as_the_text_true_or_false_in_any_case()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            // What Import-Csv gives (the hosted runspace has no Import-Csv; the Pester suite pipes a real file): text fields.
            var results = Run("[pscustomobject]@{ Site = 'sales'; Name = 'on'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + 'on'; Enabled = 'TRUE' }, " +
                              "[pscustomobject]@{ Site = 'sales'; Name = 'off'; Event = 'ViewDeleted'; DestinationUrl = $Receiver + 'off'; Enabled = 'false' } | Sync-TableauWebhook")
                .AssertSucceeded().Output;

            Assert.Equal(new[] { "off", "on" }, results.Select(r => r.Property<string>("Name")));
            var onSales = Simulator.State.WebhooksForSite("sales").OrderBy(w => w.Name).ToArray();
            Assert.Equal(new[] { ("off", false, "ViewDeleted"), ("on", true, "WorkbookCreated") }, onSales.Select(w => (w.Name, w.IsEnabled, w.Event)));
        }

        // Bug it kills: a row without Site went to the session's site, and 'yes', '1' or a typo'd column were taken or
        // ignored; a CSV made for one site could land on another.
        [Fact]
        public void Csv_rows_without_a_column_are_one_error_for_every_row_and_nothing_is_sent()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var before = Simulator.State.RequestLog.Count;

            var result = Run("1..3 | ForEach-Object { [pscustomobject]@{ Name = \"row$_\"; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + $_; Enabled = 'yes' } } | Sync-TableauWebhook");

            Assert.Equal(new[]
            {
                "InvalidDocumentValue:Row 1 ('row1'): 'Enabled' is 'yes', not true or false.",
                "InvalidDocumentValue:Row 2 ('row2'): 'Enabled' is 'yes', not true or false.",
                "InvalidDocumentValue:Row 3 ('row3'): 'Enabled' is 'yes', not true or false.",
                "MissingDocumentKey:Rows 1 to 3 (every row): the property 'Site' is missing (the site's contentUrl; \"\" for the Default site).",
            }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0] + ":" + Message(e)).OrderBy(m => m, StringComparer.Ordinal));
            Assert.Contains("Nothing was synced and nothing was sent to the server", Assert.Single(result.Warnings));
            Assert.Equal(before, Simulator.State.RequestLog.Count);
        }

        [Fact]
        public void SiteMap_and_DestinationUrlMap_move_a_document_to_another_place_by_prefix()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Document(string.Join(",",
                Entry("finance", "a", destination: "https://dev.example.com/hooks/a"),
                Entry("finance", "b", destination: "https://dev.example.com/other/b"),
                Entry("", "c", destination: "https://elsewhere.example.com/c")));

            Run("Sync-TableauWebhook -Path $args[0] -SiteMap @{ finance = 'sales'; '' = 'finance' } " +
                "-DestinationUrlMap @{ 'https://DEV.example.com/' = 'https://prod.example.com/'; 'https://dev.example.com/hooks' = 'https://hooks.example.com/' }", path)
                .AssertSucceeded();

            Assert.Equal(new[] { ("a", "https://hooks.example.com/a"), ("b", "https://prod.example.com/other/b") },
                Simulator.State.WebhooksForSite("sales").OrderBy(w => w.Name).Select(w => (w.Name, w.Url)));
            Assert.Equal(("c", "https://elsewhere.example.com/c"), Simulator.State.WebhooksForSite("finance").Select(w => (w.Name, w.Url)).Single());
            Assert.Empty(Simulator.State.WebhooksForSite(""));
        }

        [Fact]
        public void A_site_that_cannot_be_read_is_one_error_and_the_other_sites_are_synced()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Document(string.Join(",", Entry("no-such-site", "x"), Entry("sales", "y")));

            var result = Run("Sync-TableauWebhook -Path $args[0]", path);

            var error = Assert.Single(result.Errors);
            Assert.Equal("SiteNotFound", error.FullyQualifiedErrorId.Split(',')[0]);
            Assert.StartsWith("Site 'no-such-site' was not synced", error.ErrorDetails.Message);
            Assert.Equal("y", result.Output.Single().Property<string>("Name"));
        }

        [Fact]
        public void Piped_webhook_objects_and_documents_are_entries_too()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("$null = New-TableauWebhook -Name one -Event WorkbookCreated -DestinationUrl ($Receiver + 'one')").AssertSucceeded();

            // Webhooks piped straight from one site to another; then the export's text, line by line as Get-Content gives it.
            Run("Get-TableauWebhook | Sync-TableauWebhook -SiteMap @{ '' = 'sales' }").AssertSucceeded();
            var file = Path.Combine(Folder, "export.json");
            Run("Export-TableauWebhook -Path $args[0]; [System.IO.File]::ReadAllLines($args[0]) | Sync-TableauWebhook -SiteMap @{ '' = 'finance' }", file).AssertSucceeded();
            var again = Run("Export-TableauWebhook | Sync-TableauWebhook -SiteMap @{ '' = 'finance' }").AssertSucceeded().Output;

            Assert.Equal("one", Simulator.State.WebhooksForSite("sales").Single().Name);
            Assert.Equal("one", Simulator.State.WebhooksForSite("finance").Single().Name);
            Assert.Equal("Unchanged", Action(again.Single()));
        }
    }
}
