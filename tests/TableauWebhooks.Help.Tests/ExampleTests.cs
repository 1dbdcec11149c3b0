using System;
using System.Linq;
using System.Management.Automation.Language;
using System.Threading.Tasks;
using Xunit;

namespace TableauWebhooks.Help.Tests
{
    /// <summary>
    /// Every example in docs/en-US works as written. An example whose code starts with "# Needs a real Tableau server"
    /// is only parsed; every other one runs in a fresh runspace against a fresh simulator (see ExampleHarness) and must
    /// finish with no error record and no terminating error.
    /// </summary>
    public sealed class ExampleTests
    {
        [Theory]
        [MemberData(nameof(Docs.Examples), MemberType = typeof(Docs))]
        public async Task Example_works(string cmdlet, int number)
        {
            var example = Docs.Command(cmdlet).Examples.Single(e => e.Number == number);
            var where = $"docs/en-US/{cmdlet}.md line {example.CodeLine}, '{example.Title}'";

            Parser.ParseInput(example.Code, out _, out var parseErrors);
            Assert.True(parseErrors.Length == 0, $"{where} does not parse: " +
                string.Join("; ", parseErrors.Select(e => $"line {e.Extent.StartLineNumber}: {e.Message}")));
            if (Docs.IsSyntaxOnly(example)) return;

            await using var harness = await ExampleHarness.StartAsync();
            var result = harness.Run(example.Code);
            Assert.True(result.Succeeded, $"{where} failed: {result.Describe()}\n{result.HostText}");
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
