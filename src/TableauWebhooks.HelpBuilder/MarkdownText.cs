using System.Collections.Generic;
using System.Linq;
using System.Text;
using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TableauWebhooks.HelpBuilder
{
    /// <summary>Markdown blocks as the plain-text paragraphs console help shows (Markdig does the parsing).</summary>
    public static class MarkdownText
    {
        public static MarkdownPipeline Pipeline { get; } = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

        /// <summary>The text of a heading or paragraph: emphasis dropped, code spans and link texts kept, soft breaks as spaces.</summary>
        public static string Inline(ContainerInline? inline)
        {
            if (inline == null) return "";
            var text = new StringBuilder();
            Append(inline, text);
            return text.ToString().Trim();
        }

        private static void Append(Inline inline, StringBuilder text)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    text.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    text.Append(code.Content);
                    break;
                case AutolinkInline autolink:
                    text.Append(autolink.Url);
                    break;
                case LineBreakInline lineBreak:
                    text.Append(lineBreak.IsHard ? "\n" : " ");
                    break;
                case HtmlEntityInline entity:
                    text.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline _:
                    break;
                case ContainerInline container:
                    foreach (var child in container) Append(child, text);
                    break;
            }
        }

        /// <summary>The lines of a code block, as written.</summary>
        public static string Code(LeafBlock block) =>
            string.Join("\n", block.Lines.Lines.Take(block.Lines.Count).Select(l => l.Slice.ToString())).TrimEnd();

        /// <summary>A block as help paragraphs: paragraphs, list items ("- text"), code blocks (lines kept), quotes.</summary>
        public static IEnumerable<string> Paragraphs(Block block)
        {
            switch (block)
            {
                case ParagraphBlock paragraph:
                    yield return Inline(paragraph.Inline);
                    break;
                case HeadingBlock heading:
                    yield return Inline(heading.Inline);
                    break;
                case CodeBlock code:
                    yield return Code(code);
                    break;
                case ListBlock list:
                    var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                    foreach (var item in list.OfType<ListItemBlock>())
                    {
                        var marker = list.IsOrdered ? $"{number++}." : "-";
                        var itemText = string.Join(" ", item.SelectMany(Paragraphs));
                        yield return $"{marker} {itemText}";
                    }
                    break;
                case QuoteBlock quote:
                    foreach (var child in quote.SelectMany(Paragraphs)) yield return child;
                    break;
            }
        }
    }
}
