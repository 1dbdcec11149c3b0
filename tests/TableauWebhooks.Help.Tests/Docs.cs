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

        /// <summary>Every example as (cmdlet, number), for theories.</summary>
        public static IEnumerable<object[]> Examples => Commands.SelectMany(c => c.Examples.Select(e => new object[] { c.Name, e.Number }));

        public const string NeedsRealServer = "# Needs a real Tableau server";

        public static bool IsSyntaxOnly(ExampleDoc example) =>
            example.Code.Split('\n')[0].Trim().Equals(NeedsRealServer, StringComparison.OrdinalIgnoreCase);
    }
}
