using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Sync-TableauWebhook checks the whole document before it reads or sends anything: each broken rule is one error
    /// with its ErrorId, the file, the entry (index, line, name) and the key, and one refused entry among a hundred
    /// changes nothing. Version 2 documents speak for their listed sites (an empty one is emptied by -Prune); the maps are
    /// exact; results serialize their Action and Outcome as names.
    /// </summary>
    public sealed class SyncDocumentRulesTests : ModuleScope, IDisposable
    {
        private readonly TemporaryFolder _temporary = new TemporaryFolder("twh-sync-rules-");
        private string Folder => _temporary.FullName;

        public void Dispose() => _temporary.Dispose();

        private string Write(string text)
        {
            var path = Path.Combine(Folder, Guid.NewGuid().ToString("N") + ".json");
            File.WriteAllText(path, text.Replace("RECEIVER", ReceiverUrl));
            return path;
        }

        private static string Message(ErrorRecord error) => error.ErrorDetails?.Message ?? error.Exception.Message;

        private const string Good = "{ \"Site\": \"\", \"Name\": \"good\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERgood\", \"Enabled\": true }";

        /// <summary>
        /// A version 1 document: the good entry first, then the one under test on the lines after it, so each error can be
        /// checked for its index (webhooks[1]) and its line (3).
        /// </summary>
        private static string WithBadEntry(string bad) => "{ \"formatVersion\": 1, \"webhooks\": [\n" + Good + ",\n" + bad + "\n] }";

        public static TheoryData<string, string, string, string?> BrokenRules => new TheoryData<string, string, string, string?>
        {
            // The issue's own cases: a typo'd key, Enable for Enabled, no Site, "false" as text, a trailing comma.
            { WithBadEntry("{ \"Sites\": \"finance\", \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true }"),
                "UnknownDocumentKey", "line 3, webhooks[1] ('x'): the key 'Sites' is not one of Site, Name, Event, DestinationUrl and Enabled (did you mean 'Site'?).", "Sites" },
            { WithBadEntry("{ \"Site\": \"\", \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enable\": false }"),
                "UnknownDocumentKey", "webhooks[1] ('x'): the key 'Enable' is not one of Site, Name, Event, DestinationUrl and Enabled (did you mean 'Enabled'?).", "Enable" },
            { WithBadEntry("{ \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true }"),
                "MissingDocumentKey", "webhooks[1] ('x'): the key 'Site' is missing (the site's contentUrl; \"\" for the Default site).", "Site" },
            { WithBadEntry("{ \"Site\": \"\", \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": \"false\" }"),
                "InvalidDocumentValue", "webhooks[1] ('x'): 'Enabled' is the text \"false\", not true or false (write it without quotes).", "Enabled" },
            { WithBadEntry("{ \"Site\": \"\", \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true },"),
                "NonStandardJson", ", line 3: a trailing comma (column ", null },
            // The rest of the rules.
            { WithBadEntry("{ \"site\": \"\", \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true }"),
                "UnknownDocumentKey", "the key 'site' is not one of Site, Name, Event, DestinationUrl and Enabled (did you mean 'Site'?).", "site" },
            { WithBadEntry("{ \"Site\": \"\", \"Name\": \"x\", \"Name\": \"y\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true }"),
                "DuplicateDocumentKey", "the key 'Name' is written 2 times (lines 3 and 3); JSON readers differ on which one counts, so none of them is used.", "Name" },
            { WithBadEntry("// copied from production\n{ \"Site\": \"\", \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true }"),
                "NonStandardJson", ", line 3: a comment (column 1) is not JSON (RFC 8259)", null },
            { WithBadEntry("{ \"Site\": \"\", \"Name\": \"x\", \"Event\": \"DatasourceRefreshFail\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true }"),
                "UnknownWebhookEvent", "'Event' is 'DatasourceRefreshFail', which is not a Tableau webhook event (did you mean 'DatasourceRefreshFailed'?).", "Event" },
            { WithBadEntry("{ \"Site\": \"\", \"Name\": \"x\", \"Event\": \"webhook-source-event-view-deleted\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true }"),
                "InvalidDocumentValue", "'Event' is 'webhook-source-event-view-deleted': documents name this event 'ViewDeleted'", "Event" },
            { WithBadEntry("{ \"Site\": \"\", \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"http://hooks.example.com/x\", \"Enabled\": true }"),
                "InsecureDestinationUrl", "'DestinationUrl' 'http://hooks.example.com/x' uses http://", "DestinationUrl" },
            { WithBadEntry("{ \"Site\": \"\", \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"hooks.example.com/x\", \"Enabled\": true }"),
                "InvalidDestinationUrl", "'DestinationUrl' 'hooks.example.com/x' is not an absolute https:// URL", "DestinationUrl" },
            { WithBadEntry("{ \"Site\": null, \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true }"),
                "InvalidDocumentValue", "'Site' is null; the Default site is written \"\" (empty text).", "Site" },
            { WithBadEntry("{ \"Site\": \"\", \"Name\": \" \", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVERx\", \"Enabled\": true }"),
                "InvalidDocumentValue", "webhooks[1]: 'Name' is blank.", "Name" },
            { WithBadEntry("42"), "InvalidSyncEntry", "webhooks[1]: it is the number 42, not an object with the keys Site, Name, Event, DestinationUrl and Enabled.", null },
            { WithBadEntry(Good.Replace("RECEIVERgood", "RECEIVERother")), "DuplicateSyncEntry", ": webhooks[0] (line 2) and webhooks[1] (line 3) both name the webhook 'good' on the Default site.", "Name" },
            // Version 2: the sites list.
            { "{ \"formatVersion\": 2, \"sites\": [\"\"], \"webhooks\": [\n" + Good + ",\n" + Good.Replace("\"Site\": \"\"", "\"Site\": \"finanse\"") + "\n] }",
                "UndeclaredDocumentSite", "'Site' is \"finanse\", which is not in the document's 'sites' list (\"\")", "Site" },
            { "{ \"formatVersion\": 2, \"webhooks\": [\n" + Good + "\n] }", "MissingDocumentKey", ", line 1: the key 'sites' is missing: a version 2 document lists the sites it speaks for", "sites" },
            { "{ \"formatVersion\": 2, \"sites\": [\"finance\", \"FINANCE\"], \"webhooks\": [\n" + Good.Replace("\"Site\": \"\"", "\"Site\": \"finance\"") + "\n] }",
                "DuplicateDocumentSite", "'sites' lists site 'FINANCE' twice (sites[0] and sites[1]", "sites" },
            { "{ \"formatVersion\": 1, \"sites\": [\"\"], \"webhooks\": [\n" + Good + "\n] }", "UnknownDocumentKey", "the key 'sites' is part of version 2 of the format", "sites" },
            { "{ \"formatVersion\": 2, \"sites\": [\"\"], \"webhook\": [\n" + Good + "\n] }", "UnknownDocumentKey", "the key 'webhook' is not part of a version 2 document, which has exactly formatVersion, sites and webhooks (did you mean 'webhooks'?).", "webhook" },
        };

        // Bug it kills: each of these was read loosely (Sites as an unknown key ignored and the entry put on the Default
        // site, Enable ignored, "false" taken, a missing Site meaning Default, a trailing comma accepted...), with no
        // error, and the rest of the document applied; with -Prune, whatever the misread entry meant to keep was removed.
        [Theory]
        [MemberData(nameof(BrokenRules))]
        public void Each_broken_rule_is_one_error_with_its_id_file_entry_and_key_and_nothing_is_read_or_sent(string text, string errorId, string expected, string? key)
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("$null = New-TableauWebhook -Name keep -Event WorkbookCreated -DestinationUrl ($Receiver + 'keep')").AssertSucceeded();
            var path = Write(text);
            var before = Simulator.State.RequestLog.Count;

            var result = Run("Sync-TableauWebhook -Path $args[0] -Prune", path);

            var error = Assert.Single(result.AllErrors);
            Assert.StartsWith(errorId + ",", error.FullyQualifiedErrorId);
            Assert.StartsWith($"'{path}'", Message(error));
            Assert.Contains(expected, Message(error));
            var problem = PSObject.AsPSObject(error.TargetObject);
            Assert.Equal("TableauWebhooks.Output.TableauWebhookDocumentProblem", problem.BaseObject.GetType().FullName);
            Assert.Equal((errorId, path, key), (problem.Property<string>("ErrorId"), problem.Property<string>("Path"), problem.Property<string?>("Key")));
            Assert.Contains("Nothing was synced and nothing was sent to the server: the input has 1 problem", Assert.Single(result.Warnings));
            Assert.Empty(result.Output);
            Assert.Equal(before, Simulator.State.RequestLog.Count); // not even a read
            Assert.Equal("keep", Simulator.State.WebhooksForSite("").Single().Name);
        }

        // The brief's proof: one bad entry among 100 changes nothing on the server, as its request log shows.
        [Fact]
        public void One_refused_entry_among_100_changes_nothing_on_the_server()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.State.SeedWebhooks(20, "", "old-");
            var entries = Enumerable.Range(1, 100).Select(i =>
                $"{{ \"Site\": \"\", \"Name\": \"hook-{i:d3}\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"RECEIVER{i}\", \"{(i == 57 ? "Enable" : "Enabled")}\": true }}");
            var path = Write("{ \"formatVersion\": 2, \"sites\": [\"\"], \"webhooks\": [\n" + string.Join(",\n", entries) + "\n] }");
            var before = Simulator.State.RequestLog.Count;

            var result = Run("Sync-TableauWebhook -Path $args[0] -Prune -ThrottleLimit 8", path);

            var error = Assert.Single(result.AllErrors);
            Assert.Contains("line 58, webhooks[56] ('hook-057'): the key 'Enable' is not one of", Message(error));
            var sent = Simulator.State.RequestLog.Skip(before).ToList();
            Assert.Empty(sent); // no POST, PUT or DELETE, and not even a read
            Assert.Equal(20, Simulator.State.WebhooksForSite("").Count);
            Assert.All(Simulator.State.WebhooksForSite(""), w => Assert.StartsWith("old-", w.Name));
        }

        // Bug it kills: a document could not say "this site has no webhooks", so -Prune could never empty a site on purpose.
        [Fact]
        public void A_version_2_document_empties_a_listed_site_with_Prune_and_leaves_unlisted_sites_alone()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.State.SeedWebhooks(2, "finance", "finance-");
            Simulator.State.SeedWebhooks(1, "", "default-");
            var path = Write("{ \"formatVersion\": 2, \"sites\": [\"finance\"], \"webhooks\": [] }");

            var plain = Run("Sync-TableauWebhook -Path $args[0]", path).AssertSucceeded();
            Assert.Empty(plain.Output);
            var pruned = Run("Sync-TableauWebhook -Path $args[0] -Prune", path).AssertSucceeded();

            Assert.Equal(new[] { "finance/finance-1:Remove:Done", "finance/finance-2:Remove:Done" },
                pruned.Output.Select(r => $"{r.Property<string>("Site")}/{r.Property<string>("Name")}:{r.Property<string>("Action")}:{r.Property<string>("Outcome")}"));
            Assert.Empty(Simulator.State.WebhooksForSite("finance"));
            Assert.Single(Simulator.State.WebhooksForSite(""));

            // Version 1 has no sites list: an empty one speaks for no site, and removes nothing.
            Simulator.State.SeedWebhooks(1, "finance", "again-");
            Assert.Empty(Run("Sync-TableauWebhook -Path $args[0] -Prune", Write("{ \"formatVersion\": 1, \"webhooks\": [] }")).AssertSucceeded().Output);
            Assert.Single(Simulator.State.WebhooksForSite("finance"));
        }

        // Bug it kills: -SiteMap @{ 'Finance-typo' = 'finance' } was ignored, and the document applied to its own sites.
        [Fact]
        public void A_SiteMap_key_that_is_no_site_of_the_document_is_an_error_and_nothing_is_sent()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Write("{ \"formatVersion\": 2, \"sites\": [\"\", \"finance\"], \"webhooks\": [\n" + Good + "\n] }");
            var before = Simulator.State.RequestLog.Count;

            var error = Run("Sync-TableauWebhook -Path $args[0] -SiteMap @{ 'Finance-typo' = 'sales' }", path)
                .AssertSingleError("SiteMapKeyNotInDocument", ErrorCategory.InvalidArgument, "Finance-typo");

            Assert.Equal("The -SiteMap key 'Finance-typo' names no site of the document; did you mean 'finance'? " +
                         "The document's sites are '' (the Default site) and 'finance'. Nothing was changed.", Message(error));
            Assert.Equal(before, Simulator.State.RequestLog.Count);

            // A key for a listed site without webhooks is a site of the document: it maps.
            Run("Sync-TableauWebhook -Path $args[0] -SiteMap @{ 'FINANCE' = 'finance' } -WhatIf", path).AssertSucceeded();
        }

        public static TheoryData<string, string, string> DestinationMaps => new TheoryData<string, string, string>
        {
            // The issue's case: the key is a host, so a longer host that starts with the same letters is not it.
            { "https://hooks-dev.example.community/x", "https://hooks-dev.example.com", "https://hooks-dev.example.community/x" },
            { "https://hooks-dev.example.com/x", "https://hooks-dev.example.com", "https://hooks.example.com/x" },
            { "https://hooks-dev.example.com", "https://hooks-dev.example.com/", "https://hooks.example.com" },
            { "https://HOOKS-DEV.example.com:443/x?a=1#f", "https://hooks-dev.example.com/", "https://hooks.example.com/x?a=1#f" },
            { "https://hooks-dev.example.com:8443/x", "https://hooks-dev.example.com/", "https://hooks-dev.example.com:8443/x" },
            // Path segments are whole and case-sensitive.
            { "https://h.example.com/fin/x", "https://h.example.com/fin", "https://hooks.example.com/x" },
            { "https://h.example.com/fin", "https://h.example.com/fin/", "https://hooks.example.com" },
            { "https://h.example.com/finance/x", "https://h.example.com/fin", "https://h.example.com/finance/x" },
            { "https://h.example.com/Fin/x", "https://h.example.com/fin", "https://h.example.com/Fin/x" },
        };

        [Theory]
        [MemberData(nameof(DestinationMaps))]
        public void DestinationUrlMap_keys_match_at_a_boundary(string destination, string key, string expected)
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Write("{ \"formatVersion\": 2, \"sites\": [\"\"], \"webhooks\": [ { \"Site\": \"\", \"Name\": \"x\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"" +
                             destination + "\", \"Enabled\": true } ] }");

            var result = Run("Sync-TableauWebhook -Path $args[0] -DestinationUrlMap @{ $args[1] = 'https://hooks.example.com/' } -WhatIf -WarningAction SilentlyContinue", path, key)
                .AssertSucceeded();

            Assert.Equal(expected, result.Output.Single().Property<string>("DestinationUrl"));
        }

        [Theory]
        [InlineData("hooks-dev.example.com", "is not the beginning of a URL")]
        [InlineData("https://hooks-dev.example.com/?x=1", "is not the beginning of a URL")]
        [InlineData("https://user@hooks-dev.example.com/", "is not the beginning of a URL")]
        public void A_DestinationUrlMap_key_that_is_no_URL_prefix_is_an_error_and_nothing_is_sent(string key, string expected)
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Write("{ \"formatVersion\": 2, \"sites\": [\"\"], \"webhooks\": [\n" + Good + "\n] }");
            var before = Simulator.State.RequestLog.Count;

            var error = Run("Sync-TableauWebhook -Path $args[0] -DestinationUrlMap @{ $args[1] = 'https://hooks.example.com/' }", path, key)
                .AssertSingleError("InvalidDestinationUrlMap", ErrorCategory.InvalidArgument, key);

            Assert.Contains(expected, Message(error));
            Assert.Equal(before, Simulator.State.RequestLog.Count);
        }

        [Fact]
        public void A_DestinationUrlMap_key_that_begins_no_destination_is_a_warning()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Write("{ \"formatVersion\": 2, \"sites\": [\"\"], \"webhooks\": [\n" + Good + "\n] }");

            var result = Run("Sync-TableauWebhook -Path $args[0] -DestinationUrlMap @{ 'https://nowhere.example.com/' = 'https://hooks.example.com/' } -WhatIf", path).AssertSucceeded();

            Assert.Equal("The -DestinationUrlMap key 'https://nowhere.example.com/' begins no destination of the document, so it changed nothing.", Assert.Single(result.Warnings));
        }

        // Bug it kills: Action and Outcome were enums, which ConvertTo-Json writes as 5 and 0.
        [Fact]
        public void Action_and_Outcome_are_names_that_compare_with_text_and_with_the_enums()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var path = Write("{ \"formatVersion\": 2, \"sites\": [\"\"], \"webhooks\": [\n" + Good + "\n] }");

            var result = Run("$r = Sync-TableauWebhook -Path $args[0]; $r.Action.GetType().FullName; $r.Action; $r.Outcome; " +
                             "$r.Action -eq 'create'; $r.Action -eq [TableauWebhooks.Sync.SyncAction]::Create; $r.Outcome -eq [TableauWebhooks.Sync.SyncOutcome]::Done", path)
                .AssertSucceeded();

            Assert.Equal(new object[] { "System.String", "Create", "Done", true, true, true }, result.Output.Select(o => o.BaseObject));
        }
    }
}
