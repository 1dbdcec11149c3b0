using System;
using System.Linq;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using Xunit;

namespace TableauWebhooks.Help.Tests
{
    /// <summary>
    /// Every example in docs/en-US works as written. An example whose code starts with "# Needs a real Tableau server"
    /// is reported as such and only parsed; every other one runs in a fresh runspace against a fresh simulator (see
    /// ExampleHarness) and must finish with no error record and no terminating error. The about topic's code blocks all
    /// name a real server or the shell, so they are parsed. No example in the help shows output to compare with.
    /// </summary>
    public sealed class ExampleTests
    {
        [Theory]
        [MemberData(nameof(Docs.RunnableExamples), MemberType = typeof(Docs))]
        public async Task Example_runs_against_the_simulator(string cmdlet, int number)
        {
            var example = Docs.Command(cmdlet).Examples.Single(e => e.Number == number);
            var where = $"docs/en-US/{cmdlet}.md line {example.CodeLine}, '{example.Title}'";
            AssertParses(example.Code, where);

            await using var harness = await ExampleHarness.StartAsync();
            var result = harness.Run(example.Code);
            Assert.True(result.Succeeded, $"{where} failed: {result.Describe()}\n{result.HostText}");
        }

        [Theory]
        [MemberData(nameof(Docs.RealServerExamples), MemberType = typeof(Docs))]
        public void Example_for_a_real_server_parses(string cmdlet, int number)
        {
            var example = Docs.Command(cmdlet).Examples.Single(e => e.Number == number);
            AssertParses(example.Code, $"docs/en-US/{cmdlet}.md line {example.CodeLine}, '{example.Title}'");
        }

        [Theory]
        [MemberData(nameof(Docs.AboutTopicCodeBlocks), MemberType = typeof(Docs))]
        public void About_topic_code_block_parses(int line, string code)
            => AssertParses(code, $"docs/en-US/about_TableauWebhooks.md line {line}");

        private static void AssertParses(string code, string where)
        {
            Parser.ParseInput(code, out _, out var parseErrors);
            Assert.True(parseErrors.Length == 0, $"{where} does not parse: " +
                string.Join("; ", parseErrors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}")));
        }

        [Fact]
        public void Every_cmdlet_has_at_least_two_examples_and_one_that_runs()
        {
            foreach (var doc in Docs.Commands)
            {
                Assert.True(doc.Examples.Count >= 2, $"{doc.Name} has {doc.Examples.Count} example(s); write at least two.");
                Assert.True(doc.Examples.Any(e => !Docs.IsSyntaxOnly(e)), $"{doc.Name} has no example that runs against the simulator.");
            }
        }
    }
}
