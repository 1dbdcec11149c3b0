using System.IO;
using System.Linq;
using System.Text.Json;
using TableauWebhooks.Client.Documents;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Tests.Support;
using Xunit;

namespace TableauWebhooks.Client.Tests.Documents
{
    /// <summary>
    /// The document rules in isolation: they agree with the shipped JSON Schema, a valid document reads whole, and a
    /// broken one names every problem once, with its line, and reading goes past what it can (trailing commas, comments).
    /// </summary>
    public sealed class WebhookDocumentCheckerTests
    {
        private const string Entry = "{ \"Site\": \"\", \"Name\": \"a\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"https://h.example.com/a\", \"Enabled\": false }";

        private static JsonElement Schema()
        {
            var text = File.ReadAllText(Path.Combine(TestPaths.RepoRoot!, "src", "TableauWebhooks", "TableauWebhooks.webhooks.schema.json"));
            return JsonDocument.Parse(text).RootElement.Clone();
        }

        private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

        // Kills a schema and a checker that drift apart: a PR check with a JSON Schema validator would pass what the sync
        // refuses, or the reverse.
        [Fact]
        public void The_shipped_schema_states_the_same_keys_versions_and_events_as_the_checker()
        {
            var defs = Schema().GetProperty("$defs");
            var webhook = defs.GetProperty("webhook");
            Assert.Equal(WebhookDocumentFormat.EntryKeys, Strings(webhook.GetProperty("required")));
            Assert.Equal(WebhookDocumentFormat.EntryKeys, webhook.GetProperty("properties").EnumerateObject().Select(p => p.Name));
            Assert.False(webhook.GetProperty("additionalProperties").GetBoolean());
            Assert.Equal(WebhookEventCatalog.All.Select(e => e.Name), Strings(webhook.GetProperty("properties").GetProperty("Event").GetProperty("enum")));
            foreach (var version in new[] { 1, 2 })
            {
                var definition = defs.GetProperty("version" + version);
                Assert.Equal(WebhookDocumentFormat.DocumentKeys(version), Strings(definition.GetProperty("required")));
                Assert.Equal(version, definition.GetProperty("properties").GetProperty("formatVersion").GetProperty("const").GetInt32());
                Assert.False(definition.GetProperty("additionalProperties").GetBoolean());
            }
            Assert.Equal(2, WebhookDocumentFormat.CurrentVersion);
        }

        [Fact]
        public void A_valid_version_2_document_reads_whole_with_its_declared_sites()
        {
            var document = WebhookDocumentChecker.CheckText("{ \"formatVersion\": 2, \"sites\": [\"\", \"empty\"],\n \"webhooks\": [\n" + Entry + "\n] }", "'x.json'", "x.json");

            Assert.True(document.IsValid);
            Assert.Equal(new[] { "", "empty" }, document.DeclaredSites);
            var entry = Assert.Single(document.Entries);
            Assert.Equal(("", "a", "WorkbookCreated", "https://h.example.com/a", (bool?)false, (int?)3), (entry.Site, entry.Name, entry.Event, entry.DestinationUrl, entry.Enabled, entry.Line));
        }

        [Fact]
        public void Reading_goes_past_trailing_commas_and_comments_and_names_every_problem_with_its_line()
        {
            var text = "{\n  \"formatVersion\": 2, // a comment\n  \"sites\": [\"\",],\n  \"webhooks\": [\n" +
                       Entry.Replace("\"Name\"", "\"name\"") + ",\n" + Entry.Replace("\"a\"", "\"b\"").Replace("false", "\"no\"") + ",\n  ]\n}";

            var problems = WebhookDocumentChecker.CheckText(text, "'x.json'", null).Problems.Select(p => $"{p.ErrorId}@{p.Line}:{p.Key}").ToList();

            Assert.Equal(new[]
            {
                "NonStandardJson@2:", "NonStandardJson@3:", "NonStandardJson@6:",
                "UnknownDocumentKey@5:name", "InvalidDocumentValue@6:Enabled",
            }, problems);
        }

        [Fact]
        public void A_key_written_twice_at_the_top_counts_as_neither()
        {
            var document = WebhookDocumentChecker.CheckText("{ \"formatVersion\": 2, \"sites\": [], \"sites\": [\"x\"], \"webhooks\": [] }", "'x.json'", null);

            var problem = Assert.Single(document.Problems);
            Assert.Equal("DuplicateDocumentKey", problem.ErrorId);
            Assert.Equal("'x.json', line 1: the key 'sites' is written 2 times (lines 1 and 1); JSON readers differ on which one counts, so none of them is used.", problem.Message);
        }

        [Theory]
        [InlineData("Sites", "Site")]
        [InlineData("site", "Site")]
        [InlineData("Enable", "Enabled")]
        [InlineData("Destination", "DestinationUrl")]
        [InlineData("Url", "DestinationUrl")]
        [InlineData("Colour", null)]
        public void A_near_miss_key_gets_the_key_it_most_likely_meant(string written, string? expected)
            => Assert.Equal(expected, NameSuggestion.For(written, WebhookDocumentFormat.EntryKeys));
    }
}
