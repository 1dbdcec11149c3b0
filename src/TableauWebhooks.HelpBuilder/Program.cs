using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;

namespace TableauWebhooks.HelpBuilder
{
    /// <summary>
    /// Usage: TableauWebhooks.HelpBuilder &lt;docs folder&gt; &lt;output folder&gt; [module name]
    /// Reads &lt;Verb-Noun&gt;.md (platyPS schema 2.0.0) and about_*.md from the docs folder and writes
    /// &lt;module&gt;.dll-Help.xml and about_*.help.txt to the output folder. Problems are reported as
    /// "file(line): error TWHELP001: ..." and the exit code is 1, which fails the build.
    /// </summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            if (args.Length < 2)
            {
                Console.Error.WriteLine("Usage: TableauWebhooks.HelpBuilder <docs folder> <output folder> [module name]");
                return 2;
            }
            var docs = Path.GetFullPath(args[0]);
            var output = Path.GetFullPath(args[1]);
            var module = args.Length > 2 ? args[2] : "TableauWebhooks";
            if (!Directory.Exists(docs))
            {
                Console.WriteLine($"{docs}(1): error TWHELP002: The docs folder does not exist.");
                return 1;
            }

            var errors = new List<DocError>();
            var commands = new List<CommandDoc>();
            var abouts = new List<AboutTopic>();
            foreach (var file in Directory.GetFiles(docs, "*.md").OrderBy(f => f, StringComparer.Ordinal))
            {
                try
                {
                    if (Path.GetFileName(file).StartsWith("about_", StringComparison.OrdinalIgnoreCase)) abouts.Add(AboutTopic.ParseFile(file));
                    else commands.Add(CommandDocParser.ParseFile(file));
                }
                catch (DocFormatException ex)
                {
                    errors.AddRange(ex.Errors);
                }
            }
            foreach (var command in commands)
            {
                if (command.FrontMatter.TryGetValue("external help file", out var helpFile) && helpFile != module + ".dll-Help.xml")
                    errors.Add(new DocError(command.File, 2, $"external help file is '{helpFile}'; the module's cmdlets read {module}.dll-Help.xml."));
                if (command.FrontMatter.TryGetValue("Module Name", out var moduleName) && moduleName != module)
                    errors.Add(new DocError(command.File, 3, $"Module Name is '{moduleName}'; expected {module}."));
            }
            if (commands.Count == 0) errors.Add(new DocError(docs, 1, "No cmdlet help (Verb-Noun.md) found."));

            if (errors.Count > 0)
            {
                foreach (var error in errors) Console.WriteLine(error);
                return 1;
            }

            Directory.CreateDirectory(output);
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), NewLineChars = "\n" };
            var mamlPath = Path.Combine(output, module + ".dll-Help.xml");
            using (var writer = XmlWriter.Create(mamlPath, settings)) MamlWriter.Write(commands).Save(writer);
            foreach (var about in abouts)
                File.WriteAllText(Path.Combine(output, about.Name + ".help.txt"), about.ToText(), new UTF8Encoding(false));
            Console.WriteLine($"Help for {commands.Count} cmdlets and {abouts.Count} about topic(s) written to {output}");
            return 0;
        }
    }
}
