using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace TableauWebhooks.HelpBuilder
{
    /// <summary>
    /// An about topic in platyPS's about-topic markdown (New-MarkdownAboutHelp's template): "# Name", "## about_Name",
    /// then level-1 sections SHORT DESCRIPTION, LONG DESCRIPTION (with ## subtopics), EXAMPLES, NOTE,
    /// TROUBLESHOOTING NOTE, SEE ALSO, KEYWORDS. Rendered as the plain text Get-Help shows (about_Name.help.txt).
    /// </summary>
    public sealed class AboutTopic
    {
        private const int Width = 80;

        private AboutTopic(string name, List<(int Level, string Title, List<Block> Body)> sections)
        {
            Name = name;
            Sections = sections;
        }

        public string Name { get; }
        internal List<(int Level, string Title, List<Block> Body)> Sections { get; }

        public string ShortDescription => string.Join(" ", Sections.First(s => s.Title == "SHORT DESCRIPTION").Body.SelectMany(MarkdownText.Paragraphs));

        public static AboutTopic ParseFile(string path) => Parse(File.ReadAllText(path), path);

        public static AboutTopic Parse(string markdown, string file)
        {
            var errors = new List<DocError>();
            void Fail(Block? at, string message) => errors.Add(new DocError(file, at == null ? 1 : at.Line + 1, message));

            var blocks = Markdown.Parse(markdown, MarkdownText.Pipeline).Where(b => !(b is YamlFrontMatterBlock)).ToList();
            var expected = Path.GetFileNameWithoutExtension(file);
            if (blocks.Count < 2 || !(blocks[0] is HeadingBlock title) || title.Level != 1 || !(blocks[1] is HeadingBlock topic) || topic.Level != 2)
            {
                Fail(blocks.FirstOrDefault(), $"An about topic starts with '# {expected.Substring("about_".Length)}' then '## {expected}' (platyPS's about template).");
                throw new DocFormatException(errors);
            }
            var name = MarkdownText.Inline(topic.Inline);
            if (!string.Equals(name, expected, StringComparison.Ordinal)) Fail(topic, $"The topic heading names '{name}' but the file is {Path.GetFileName(file)}; they must match.");

            var sections = new List<(int, string, List<Block>)>();
            foreach (var block in blocks.Skip(2))
            {
                if (block is HeadingBlock heading)
                {
                    var text = MarkdownText.Inline(heading.Inline);
                    if (heading.Level == 1 && text != text.ToUpperInvariant()) Fail(heading, $"Level-1 headings of an about topic are upper case ('# {text.ToUpperInvariant()}').");
                    if (sections.Count == 0 && heading.Level != 1) Fail(heading, "The first section after the topic name must be '# SHORT DESCRIPTION'.");
                    sections.Add((heading.Level, text, new List<Block>()));
                }
                else if (sections.Count == 0)
                {
                    Fail(block, "Text before '# SHORT DESCRIPTION'.");
                }
                else
                {
                    sections[sections.Count - 1].Item3.Add(block);
                }
            }
            foreach (var required in new[] { "SHORT DESCRIPTION", "LONG DESCRIPTION" })
            {
                var found = sections.Where(s => s.Item1 == 1 && s.Item2 == required).ToList();
                if (found.Count == 0) Fail(topic, $"The '# {required}' section is missing.");
                else if (found[0].Item3.Count == 0) Fail(topic, $"'# {required}' is empty.");
            }
            if (errors.Count > 0) throw new DocFormatException(errors);
            return new AboutTopic(name, sections);
        }

        /// <summary>The topic as console text: upper-case section titles at the margin, text indented and wrapped.</summary>
        public string ToText()
        {
            var text = new StringBuilder();
            text.Append("TOPIC\n    ").Append(Name.ToLowerInvariant()).Append("\n\n");
            foreach (var (level, title, body) in Sections)
            {
                text.Append(level == 1 ? title : "    " + title).Append('\n');
                if (level > 1) text.Append("    ").Append(new string('-', title.Length)).Append('\n');
                foreach (var block in body) AppendBlock(text, block, level == 1 ? 4 : 4);
                text.Append('\n');
            }
            // One blank line between blocks and sections, however the blocks ended.
            return Regex.Replace(text.ToString(), @"\n{3,}", "\n\n").TrimEnd() + "\n";
        }

        private static void AppendBlock(StringBuilder text, Block block, int indent)
        {
            switch (block)
            {
                case CodeBlock code:
                    foreach (var line in MarkdownText.Code(code).Split('\n')) text.Append(new string(' ', indent + 4)).Append(line.TrimEnd()).Append('\n');
                    text.Append('\n');
                    break;
                case ListBlock list:
                    foreach (var item in MarkdownText.Paragraphs(list)) Wrap(text, item, indent, indent + 2);
                    text.Append('\n');
                    break;
                default:
                    foreach (var paragraph in MarkdownText.Paragraphs(block))
                    {
                        Wrap(text, paragraph, indent, indent);
                        text.Append('\n');
                    }
                    break;
            }
        }

        private static void Wrap(StringBuilder text, string paragraph, int firstIndent, int indent)
        {
            foreach (var hardLine in paragraph.Split('\n'))
            {
                var line = new StringBuilder(new string(' ', firstIndent));
                var lineHasWord = false;
                foreach (var word in hardLine.Split(' ', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (lineHasWord && line.Length + 1 + word.Length > Width)
                    {
                        text.Append(line).Append('\n');
                        line = new StringBuilder(new string(' ', indent));
                        lineHasWord = false;
                    }
                    if (lineHasWord) line.Append(' ');
                    line.Append(word);
                    lineHasWord = true;
                }
                text.Append(line).Append('\n');
                firstIndent = indent;
            }
        }
    }
}
