using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TableauWebhooks.HelpBuilder;
using TableauWebhooks.Hosting;

namespace TableauWebhooks.Help.Tests
{
    /// <summary>docs/en-US read with the help build's own parser.</summary>
    public static class Docs
    {
        public static string Folder { get; } = Path.Combine(ModuleLayout.RepositoryRoot, "docs", "en-US");

        private static readonly Lazy<IReadOnlyList<CommandDoc>> LazyCommands = new Lazy<IReadOnlyList<CommandDoc>>(() =>
            Directory.GetFiles(Folder, "*-*.md").OrderBy(f => f, StringComparer.Ordinal).Select(CommandDocParser.ParseFile).ToList());

        public static IReadOnlyList<CommandDoc> Commands => LazyCommands.Value;

        public static CommandDoc Command(string name) => Commands.Single(c => c.Name == name);

        public static IEnumerable<object[]> CommandNames => Commands.Select(c => new object[] { c.Name });

        /// <summary>Every example that runs against the simulator, as (cmdlet, number), for theories.</summary>
        public static IEnumerable<object[]> RunnableExamples
            => Commands.SelectMany(c => c.Examples.Where(e => !IsSyntaxOnly(e)).Select(e => new object[] { c.Name, e.Number }));

        /// <summary>Every example marked as needing a real server (only parsed), as (cmdlet, number).</summary>
        public static IEnumerable<object[]> RealServerExamples
            => Commands.SelectMany(c => c.Examples.Where(IsSyntaxOnly).Select(e => new object[] { c.Name, e.Number }));

        public static string AboutTopicPath => Path.Combine(Folder, "about_TableauWebhooks.md");

        /// <summary>The code blocks of about_TableauWebhooks.md as (first line number, code), for theories.</summary>
        public static IEnumerable<object[]> AboutTopicCodeBlocks
        {
            get
            {
                var lines = File.ReadAllLines(AboutTopicPath);
                for (var i = 0; i < lines.Length; i++)
                {
                    if (!lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) continue;
                    var start = i + 1;
                    var end = start;
                    while (end < lines.Length && !lines[end].TrimStart().StartsWith("```", StringComparison.Ordinal)) end++;
                    yield return new object[] { start + 1, string.Join("\n", lines, start, end - start) };
                    i = end;
                }
            }
        }

        public const string NeedsRealServer = "# Needs a real Tableau server";

        public static bool IsSyntaxOnly(ExampleDoc example) =>
            example.Code.Split('\n')[0].Trim().Equals(NeedsRealServer, StringComparison.OrdinalIgnoreCase);
    }
}
