using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace TableauWebhooks.HelpBuilder
{
    /// <summary>
    /// Reads a cmdlet's platyPS markdown (schema 2.0.0) and checks it is complete: front matter, every section in
    /// platyPS's order, a fenced block per syntax set and example, a full ```yaml block per parameter.
    /// </summary>
    public static class CommandDocParser
    {
        public static readonly string[] Sections =
            { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "NOTES", "RELATED LINKS" };

        private static readonly string[] RequiredFrontMatter = { "external help file", "Module Name", "online version", "schema" };

        private static readonly string[] YamlKeys =
            { "Type", "Parameter Sets", "Aliases", "Required", "Position", "Default value", "Accept pipeline input", "Accept wildcard characters" };

        private static readonly Regex ExampleHeading = new Regex(@"^Example (\d+)(:\s*\S.*)?$", RegexOptions.CultureInvariant);
        private static readonly Regex PipelineInput = new Regex(@"^(False|True \((ByValue|ByPropertyName|ByPropertyName, ByValue|ByValue, ByPropertyName)\))$", RegexOptions.CultureInvariant);

        public static CommandDoc ParseFile(string path) => Parse(File.ReadAllText(path), path);

        public static CommandDoc Parse(string markdown, string file)
        {
            var errors = new List<DocError>();
            void Fail(Block? at, string message) => errors.Add(new DocError(file, at == null ? 1 : at.Line + 1, message));

            var doc = new CommandDoc { File = file };
            var blocks = Markdown.Parse(markdown, MarkdownText.Pipeline).ToList();

            // Front matter
            if (blocks.FirstOrDefault() is YamlFrontMatterBlock front)
            {
                doc.FrontMatter = ReadYaml(front, file, errors) ?? new Dictionary<string, string>();
                foreach (var key in RequiredFrontMatter.Where(k => !doc.FrontMatter.ContainsKey(k)))
                    Fail(front, $"The front matter has no '{key}:' entry (platyPS schema 2.0.0 needs external help file, Module Name, online version and schema).");
                if (doc.FrontMatter.TryGetValue("schema", out var schema) && schema != "2.0.0")
                    Fail(front, $"schema is '{schema}'; this builder reads platyPS schema 2.0.0.");
                blocks.RemoveAt(0);
            }
            else
            {
                Fail(null, "The file does not start with YAML front matter (---, external help file:, Module Name:, online version:, schema: 2.0.0, ---).");
            }

            // # Cmdlet-Name
            var title = blocks.FirstOrDefault() as HeadingBlock;
            if (title == null || title.Level != 1)
            {
                Fail(blocks.FirstOrDefault(), "Expected the cmdlet name as a level-1 heading (# Verb-Noun) after the front matter.");
                throw new DocFormatException(errors);
            }
            doc.Name = MarkdownText.Inline(title.Inline);
            var expectedName = Path.GetFileNameWithoutExtension(file);
            if (!string.Equals(doc.Name, expectedName, StringComparison.Ordinal))
                Fail(title, $"The heading names '{doc.Name}' but the file is {Path.GetFileName(file)}; they must match.");
            blocks.RemoveAt(0);

            // ## sections, in platyPS's order
            var seen = new List<string>();
            var index = 0;
            while (index < blocks.Count)
            {
                var block = blocks[index];
                if (!(block is HeadingBlock h2) || h2.Level != 2)
                {
                    Fail(block, h2IsMissing(block));
                    index++;
                    continue;
                }
                var section = MarkdownText.Inline(h2.Inline);
                var body = new List<Block>();
                index++;
                while (index < blocks.Count && !(blocks[index] is HeadingBlock next && next.Level <= 2)) body.Add(blocks[index++]);
                if (index < blocks.Count && blocks[index] is HeadingBlock h1 && h1.Level == 1)
                {
                    Fail(h1, "A cmdlet help file has one level-1 heading, the cmdlet name.");
                    index++;
                }

                var position = Array.IndexOf(Sections, section);
                if (position < 0)
                {
                    Fail(h2, $"'## {section}' is not a platyPS section; use {string.Join(", ", Sections.Select(s => "## " + s))}.");
                    continue;
                }
                if (seen.Contains(section))
                {
                    Fail(h2, $"'## {section}' appears twice.");
                    continue;
                }
                if (seen.Count > 0 && Array.IndexOf(Sections, seen[seen.Count - 1]) > position)
                    Fail(h2, $"'## {section}' is out of order; platyPS's order is {string.Join(", ", Sections)}.");
                seen.Add(section);

                switch (section)
                {
                    case "SYNOPSIS":
                        doc.Synopsis.AddRange(body.SelectMany(MarkdownText.Paragraphs));
                        if (doc.Synopsis.Count == 0) Fail(h2, "## SYNOPSIS is empty.");
                        break;
                    case "DESCRIPTION":
                        doc.Description.AddRange(body.SelectMany(MarkdownText.Paragraphs));
                        if (doc.Description.Count == 0) Fail(h2, "## DESCRIPTION is empty.");
                        break;
                    case "NOTES":
                        doc.Notes.AddRange(body.SelectMany(MarkdownText.Paragraphs));
                        break;
                    case "SYNTAX":
                        ReadSyntax(doc, h2, body, Fail);
                        break;
                    case "EXAMPLES":
                        ReadExamples(doc, h2, body, Fail);
                        break;
                    case "PARAMETERS":
                        ReadParameters(doc, h2, body, file, errors, Fail);
                        break;
                    case "INPUTS":
                        ReadTypes(doc.Inputs, h2, body, Fail);
                        break;
                    case "OUTPUTS":
                        ReadTypes(doc.Outputs, h2, body, Fail);
                        break;
                    case "RELATED LINKS":
                        ReadLinks(doc, body, Fail);
                        break;
                }
            }
            foreach (var missing in Sections.Where(s => !seen.Contains(s)))
                Fail(title, $"The '## {missing}' section is missing.");

            if (errors.Count > 0) throw new DocFormatException(errors);
            return doc;

            static string h2IsMissing(Block block) => block is HeadingBlock h
                ? $"Unexpected level-{h.Level} heading '{MarkdownText.Inline(h.Inline)}' outside a ## section."
                : "Text before the first ## section; everything after the # heading belongs in a ## section.";
        }

        // Groups a section's body by its ### headings.
        private static IEnumerable<(HeadingBlock Heading, List<Block> Body)> ByH3(HeadingBlock section, List<Block> body, Action<Block?, string> fail)
        {
            HeadingBlock? current = null;
            var items = new List<Block>();
            foreach (var block in body)
            {
                if (block is HeadingBlock h && h.Level == 3)
                {
                    if (current != null) yield return (current, items);
                    current = h;
                    items = new List<Block>();
                }
                else if (current == null)
                {
                    if (!(block is ParagraphBlock)) fail(block, $"Content under '## {MarkdownText.Inline(section.Inline)}' must follow a ### heading.");
                }
                else
                {
                    items.Add(block);
                }
            }
            if (current != null) yield return (current, items);
        }

        private static void ReadSyntax(CommandDoc doc, HeadingBlock h2, List<Block> body, Action<Block?, string> fail)
        {
            foreach (var (heading, items) in ByH3(h2, body, fail))
            {
                var name = MarkdownText.Inline(heading.Inline);
                var syntax = new SyntaxDoc { Line = heading.Line + 1 };
                if (name.EndsWith("(Default)", StringComparison.Ordinal))
                {
                    syntax.IsDefault = true;
                    name = name.Substring(0, name.Length - "(Default)".Length).Trim();
                }
                syntax.SetName = name;
                var code = items.OfType<FencedCodeBlock>().FirstOrDefault();
                if (code == null)
                {
                    fail(heading, $"Syntax set '{name}' has no fenced code block with the syntax line.");
                    continue;
                }
                syntax.Text = MarkdownText.Code(code).Trim();
                if (!syntax.Text.StartsWith(doc.Name, StringComparison.OrdinalIgnoreCase))
                    fail(code, $"The syntax of set '{name}' must start with the cmdlet name {doc.Name}.");
                doc.Syntax.Add(syntax);
            }
            if (doc.Syntax.Count == 0) fail(h2, "## SYNTAX has no ### parameter set heading with a fenced syntax block.");
        }

        private static void ReadExamples(CommandDoc doc, HeadingBlock h2, List<Block> body, Action<Block?, string> fail)
        {
            foreach (var (heading, items) in ByH3(h2, body, fail))
            {
                var title = MarkdownText.Inline(heading.Inline);
                var match = ExampleHeading.Match(title);
                if (!match.Success)
                {
                    fail(heading, $"Example heading '{title}' must read 'Example N: title'.");
                    continue;
                }
                var example = new ExampleDoc { Number = int.Parse(match.Groups[1].Value), Title = title, Line = heading.Line + 1 };
                var code = items.OfType<FencedCodeBlock>().ToList();
                if (code.Count == 0) fail(heading, $"'{title}' has no fenced ```powershell code block.");
                example.Code = string.Join("\n\n", code.Select(MarkdownText.Code));
                example.CodeLine = code.Count == 0 ? example.Line : code[0].Line + 2;
                example.Remarks.AddRange(items.Where(b => !(b is FencedCodeBlock)).SelectMany(MarkdownText.Paragraphs));
                if (example.Remarks.Count == 0) fail(heading, $"'{title}' has no remarks saying what it does.");
                if (example.Number != doc.Examples.Count + 1) fail(heading, $"'{title}' should be Example {doc.Examples.Count + 1}.");
                doc.Examples.Add(example);
            }
        }

        private static void ReadParameters(CommandDoc doc, HeadingBlock h2, List<Block> body, string file, List<DocError> errors, Action<Block?, string> fail)
        {
            foreach (var (heading, items) in ByH3(h2, body, fail))
            {
                var title = MarkdownText.Inline(heading.Inline);
                if (title == "CommonParameters")
                {
                    doc.HasCommonParameters = true;
                    continue;
                }
                if (!title.StartsWith("-", StringComparison.Ordinal) || title.Length < 2 || title.Contains(' '))
                {
                    fail(heading, $"Parameter heading '{title}' must read '### -Name' (or '### CommonParameters').");
                    continue;
                }
                var parameter = new ParameterDoc { Name = title.Substring(1), Line = heading.Line + 1 };
                if (doc.Parameters.Any(p => string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase)))
                    fail(heading, $"Parameter -{parameter.Name} is documented twice.");
                parameter.Description.AddRange(items.Where(b => !(b is FencedCodeBlock f && IsYaml(f))).SelectMany(MarkdownText.Paragraphs));
                if (parameter.Description.Count == 0) fail(heading, $"Parameter -{parameter.Name} has no description.");
                foreach (var yaml in items.OfType<FencedCodeBlock>().Where(IsYaml))
                {
                    var set = ReadParameterYaml(yaml, parameter.Name, file, errors, fail);
                    if (set != null) parameter.Sets.Add(set);
                }
                if (!items.OfType<FencedCodeBlock>().Any(IsYaml)) fail(heading, $"Parameter -{parameter.Name} has no ```yaml block (Type, Parameter Sets, Aliases, Required, Position, Default value, Accept pipeline input, Accept wildcard characters).");
                doc.Parameters.Add(parameter);
            }
            if (!doc.HasCommonParameters) fail(h2, "## PARAMETERS has no '### CommonParameters' entry.");
        }

        private static bool IsYaml(FencedCodeBlock block) => string.Equals(block.Info, "yaml", StringComparison.OrdinalIgnoreCase);

        private static ParameterSetDoc? ReadParameterYaml(FencedCodeBlock block, string parameter, string file, List<DocError> errors, Action<Block?, string> fail)
        {
            var values = ReadYaml(block, file, errors);
            if (values == null) return null;
            var ok = true;
            foreach (var key in YamlKeys.Where(k => !values.ContainsKey(k)))
            {
                fail(block, $"-{parameter}: the yaml block has no '{key}:' entry.");
                ok = false;
            }
            foreach (var key in values.Keys.Where(k => !YamlKeys.Contains(k)))
            {
                failKey(key, $"-{parameter}: '{key}:' is not a platyPS parameter field ({string.Join(", ", YamlKeys)}).");
                ok = false;
            }
            if (!ok) return null;

            var set = new ParameterSetDoc { Type = values["Type"], Line = block.Line + 1, DefaultValue = values["Default value"] };
            if (set.Type.Length == 0) failKey("Type", $"-{parameter}: Type is empty.");
            set.ParameterSets.AddRange(SplitList(values["Parameter Sets"]));
            if (set.ParameterSets.Count == 0) failKey("Parameter Sets", $"-{parameter}: Parameter Sets is empty; write (All) or the set names.");
            set.Aliases.AddRange(SplitList(values["Aliases"]));
            set.Required = ReadBool(values["Required"], "Required");
            set.AcceptsWildcards = ReadBool(values["Accept wildcard characters"], "Accept wildcard characters");
            set.Position = values["Position"];
            if (set.Position != "Named" && !int.TryParse(set.Position, out _)) failKey("Position", $"-{parameter}: Position is '{set.Position}'; write Named or a number.");
            set.PipelineInput = values["Accept pipeline input"];
            var pipeline = PipelineInput.Match(set.PipelineInput);
            if (!pipeline.Success) failKey("Accept pipeline input", $"-{parameter}: Accept pipeline input is '{set.PipelineInput}'; write False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue).");
            set.ByValue = set.PipelineInput.Contains("ByValue");
            set.ByPropertyName = set.PipelineInput.Contains("ByPropertyName");
            return set;

            // Points at the field's own line inside the block: the opening fence is block.Line (0-based).
            void failKey(string key, string message)
            {
                var lines = block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString()).ToList();
                var index = lines.FindIndex(l => l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal));
                errors.Add(new DocError(file, index < 0 ? block.Line + 1 : block.Line + 2 + index, message));
            }

            bool ReadBool(string value, string key)
            {
                if (string.Equals(value, "True", StringComparison.OrdinalIgnoreCase)) return true;
                if (!string.Equals(value, "False", StringComparison.OrdinalIgnoreCase)) failKey(key, $"-{parameter}: {key} is '{value}'; write True or False.");
                return false;
            }
        }

        private static IEnumerable<string> SplitList(string value) =>
            value.Split(',').Select(s => s.Trim()).Where(s => s.Length > 0 && !string.Equals(s, "None", StringComparison.OrdinalIgnoreCase));

        private static void ReadTypes(List<TypeDoc> types, HeadingBlock h2, List<Block> body, Action<Block?, string> fail)
        {
            foreach (var (heading, items) in ByH3(h2, body, fail))
            {
                var type = new TypeDoc { Name = MarkdownText.Inline(heading.Inline) };
                type.Description.AddRange(items.SelectMany(MarkdownText.Paragraphs));
                types.Add(type);
            }
            if (types.Count == 0) fail(h2, $"'## {MarkdownText.Inline(h2.Inline)}' needs a ### heading per type (### None when there is none).");
        }

        private static void ReadLinks(CommandDoc doc, List<Block> body, Action<Block?, string> fail)
        {
            foreach (var paragraph in body.SelectMany(b => b is ParagraphBlock p ? new[] { p } : b.Descendants<ParagraphBlock>()))
            {
                var links = paragraph.Inline?.Descendants<LinkInline>().Where(l => !l.IsImage).ToList() ?? new List<LinkInline>();
                if (links.Count == 0) fail(paragraph, "RELATED LINKS holds markdown links only: [text](uri).");
                foreach (var link in links) doc.RelatedLinks.Add(new LinkDoc { Text = MarkdownText.Inline(link), Uri = link.Url ?? "" });
            }
        }

        /// <summary>A front-matter or ```yaml block as key/value text (YamlDotNet parses it); errors carry the file line.</summary>
        internal static Dictionary<string, string>? ReadYaml(LeafBlock block, string file, List<DocError> errors)
        {
            var firstLine = block.Line + 2; // the block's first content line, 1-based, after the opening fence or ---
            var text = string.Join("\n", block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString()));
            if (block is YamlFrontMatterBlock)
            {
                // Markdig keeps the --- delimiters in the front matter block's lines.
                text = string.Join("\n", text.Split('\n').Where(l => l.Trim() != "---"));
            }
            try
            {
                var values = new DeserializerBuilder().Build().Deserialize<Dictionary<string, object?>>(text) ?? new Dictionary<string, object?>();
                var result = new Dictionary<string, string>(StringComparer.Ordinal);
                foreach (var pair in values)
                {
                    if (pair.Value != null && !(pair.Value is string))
                    {
                        errors.Add(new DocError(file, firstLine, $"'{pair.Key}:' must be a single value."));
                        return null;
                    }
                    result[pair.Key] = ((string?)pair.Value ?? "").Trim();
                }
                return result;
            }
            catch (YamlException ex)
            {
                errors.Add(new DocError(file, firstLine + (int)ex.Start.Line - 1, "Invalid YAML: " + (ex.InnerException?.Message ?? ex.Message)));
                return null;
            }
        }
    }
}
