using System;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Hosting;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Test-TableauWebhookDocument: the sync's document check with no server and no session. One result per entry (and
    /// one for the document when a problem belongs to no entry), one error per problem, or with -Quiet a single Boolean
    /// for everything given; -Path takes wildcards, -LiteralPath does not; text, rows and files can be piped.
    /// </summary>
    public sealed class TestWebhookDocumentTests : ModuleScope, IDisposable
    {
        private const string Entry = "{{ \"Site\": \"{0}\", \"Name\": \"{1}\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"https://hooks.example.com/{1}\", \"Enabled\": true }}";
        private readonly TemporaryFolder _temporary = new TemporaryFolder("twh-test-document-");
        private string Folder => _temporary.FullName;

        public void Dispose() => _temporary.Dispose();

        private string Write(string name, string text)
        {
            var path = Path.Combine(Folder, name);
            File.WriteAllText(path, text);
            return path;
        }

        private static string Document(params string[] entries)
            => "{\n  \"formatVersion\": 2,\n  \"sites\": [\"\", \"finance\"],\n  \"webhooks\": [\n" + string.Join(",\n", entries) + "\n  ]\n}\n";

        private static string Hook(string site, string name) => string.Format(Entry, site, name);

        private ScriptResult Test(string script, params object?[] arguments)
            => Run("$null = $ExecutionContext.SessionState.Path.SetLocation($args[0]); " + script, new object?[] { Folder }.Concat(arguments).ToArray());

        private static string Row(PSObject result)
            => $"{result.Property<int?>("Index")?.ToString() ?? "doc"}:{result.Property<int?>("Line")}:{result.Property<string?>("Site")}/{result.Property<string?>("Name")}:{result.Property<bool>("Valid")}";

        [Fact]
        public void A_valid_document_gives_one_valid_result_per_entry_without_a_session_or_a_request()
        {
            var path = Write("good.json", Document(Hook("", "a"), Hook("finance", "b")));

            var result = Test("Test-TableauWebhookDocument -Path good.json").AssertSucceeded();

            Assert.Equal(new[] { "0:5:/a:True", "1:6:finance/b:True" }, result.Output.Select(Row));
            Assert.All(result.Output, r => Assert.Equal(path, r.Property<string>("Path")));
            Assert.Equal(true, Test("Test-TableauWebhookDocument -Path good.json -Quiet").AssertSucceeded().Output.Single().BaseObject);
            Assert.Empty(Simulator.State.RequestLog);
        }

        [Fact]
        public void An_invalid_document_gives_an_error_per_problem_and_results_that_say_which_entry_has_which()
        {
            Write("bad.json", Document(Hook("", "a"), Hook("", "b").Replace("\"Enabled\"", "\"Enable\""), Hook("", "a") + ","));

            var result = Test("Test-TableauWebhookDocument -Path bad.json");

            Assert.Equal(new[] { "NonStandardJson", "DuplicateSyncEntry", "UnknownDocumentKey" }, result.Errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(new[] { "doc:7:/:False", "0:5:/a:False", "1:6:/b:False", "2:7:/a:False" }, result.Output.Select(Row));
            var b = result.Output[2];
            var problem = PSObject.AsPSObject(Assert.Single((object[])b.Property<object>("Problems")));
            Assert.Equal(("UnknownDocumentKey", "Enable", 1, 6), (problem.Property<string>("ErrorId"), problem.Property<string>("Key"), problem.Property<int?>("Index"), problem.Property<int?>("Line")));
            Assert.Equal("the key 'Enable' is not one of Site, Name, Event, DestinationUrl and Enabled (did you mean 'Enabled'?).", problem.Property<string>("Reason"));

            var quiet = Test("Test-TableauWebhookDocument -Path bad.json -Quiet");
            Assert.Empty(quiet.AllErrors);
            Assert.Equal(false, quiet.Output.Single().BaseObject);
        }

        [Fact]
        public void Path_takes_wildcards_and_Quiet_answers_once_for_every_file()
        {
            Write("a.json", Document(Hook("", "a")));
            Write("b.json", Document(Hook("", "b")));
            Write("c.txt", "not a document");

            Assert.Equal(new[] { "a", "b" }, Test("Test-TableauWebhookDocument -Path *.json").AssertSucceeded().Output.Select(r => r.Property<string>("Name")));
            Assert.Equal(true, Test("Test-TableauWebhookDocument -Path *.json -Quiet").AssertSucceeded().Output.Single().BaseObject);

            Write("z.json", "{ \"formatVersion\": 2 }");
            Assert.Equal(false, Test("Test-TableauWebhookDocument -Path *.json -Quiet").AssertSucceeded().Output.Single().BaseObject);
        }

        // Bug it would be: a pattern that matches nothing checks nothing and passes, and a pull-request check goes green.
        [Fact]
        public void A_path_that_matches_no_file_is_an_error_and_Quiet_says_false()
        {
            var error = Test("Test-TableauWebhookDocument -Path *.json").AssertSingleError("SyncDocumentNotFound", ErrorCategory.ObjectNotFound, "*.json");
            Assert.Equal("No file matches '*.json'.", error.ErrorDetails?.Message ?? error.Exception.Message);
            Assert.Equal(false, Test("Test-TableauWebhookDocument -Path missing.json -Quiet").AssertSucceeded().Output.Single().BaseObject);

            Directory.CreateDirectory(Path.Combine(Folder, "folder.json"));
            var folder = Test("Test-TableauWebhookDocument -LiteralPath folder.json").AssertSingleError("SyncDocumentNotFound", ErrorCategory.ObjectNotFound);
            Assert.EndsWith("folder.json' is a folder, not a webhooks document.", folder.Exception.Message);
        }

        [Fact]
        public void LiteralPath_reads_names_with_wildcard_characters_as_written()
        {
            var path = Write("hooks[prod].json", Document(Hook("", "a")));

            Assert.Equal(path, Test("Test-TableauWebhookDocument -LiteralPath 'hooks[prod].json'").AssertSucceeded().Output.Single().Property<string>("Path"));
            Test("Test-TableauWebhookDocument -Path 'hooks[prod].json'").AssertSingleError("SyncDocumentNotFound", ErrorCategory.ObjectNotFound);
        }

        [Fact]
        public void Piped_text_rows_and_files_are_checked_as_Sync_TableauWebhook_reads_them()
        {
            Write("good.json", Document(Hook("", "a")));

            // Text line by line, as Get-Content gives it: line numbers are the text's.
            var text = Test("[System.IO.File]::ReadAllLines([System.IO.Path]::Combine($args[0], 'good.json')) | Test-TableauWebhookDocument").AssertSucceeded();
            Assert.Equal(new[] { "0:5:/a:True" }, text.Output.Select(Row));
            Assert.Null(text.Output.Single().Property<string?>("Path"));

            // Rows: every column, Enabled as the text true or false.
            var rows = Test("[pscustomobject]@{ Site = ''; Name = 'r'; Event = 'WorkbookCreated'; DestinationUrl = 'https://h.example.com/r'; Enabled = 'False' }, " +
                            "[pscustomobject]@{ Site = ''; Name = 's'; Event = 'WorkbookCreated'; DestinationUrl = 'https://h.example.com/s'; Enabled = 'no' } | Test-TableauWebhookDocument");
            Assert.Equal(new[] { "0::/r:True", "1::/s:False" }, rows.Output.Select(Row));
            Assert.Equal("Row 2 ('s'): 'Enabled' is 'no', not true or false.", Assert.Single(rows.Errors).Exception.Message);

            // Files, as Get-ChildItem gives them (the Pester suite pipes Get-ChildItem itself).
            var files = Test("[System.IO.DirectoryInfo]::new($args[0]).GetFiles('*.json') | Test-TableauWebhookDocument -Quiet").AssertSucceeded();
            Assert.Equal(true, files.Output.Single().BaseObject);
        }
    }
}
