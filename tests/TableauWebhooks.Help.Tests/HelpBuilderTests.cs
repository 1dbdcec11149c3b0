using System;
using System.IO;
using System.Linq;
using System.Xml.Linq;
using TableauWebhooks.HelpBuilder;
using TableauWebhooks.Hosting;
using Xunit;

namespace TableauWebhooks.Help.Tests
{
    /// <summary>The help build refuses malformed docs with the file and line, and writes platyPS-shaped MAML.</summary>
    public sealed class HelpBuilderTests : IDisposable
    {
        private readonly string _folder = Path.Combine(Path.GetTempPath(), "twh-helpbuilder-" + Guid.NewGuid().ToString("N"));

        public HelpBuilderTests() => Directory.CreateDirectory(_folder);

        public void Dispose() => Directory.Delete(_folder, recursive: true);

        private static string ValidDoc => File.ReadAllText(Path.Combine(Docs.Folder, "Get-TableauSite.md"));

        private static int LineOf(string text, string line) =>
            text.Split('\n').Select((l, i) => (l, i)).First(x => x.l.TrimEnd('\r') == line).i + 1;

        private DocError SingleError(string markdown, string file = "Get-TableauSite.md")
        {
            var ex = Assert.Throws<DocFormatException>(() => CommandDocParser.Parse(markdown, Path.Combine(_folder, file)));
            return Assert.Single(ex.Errors);
        }

        [Fact]
        public void Every_doc_in_the_repository_parses()
        {
            Assert.NotEmpty(Docs.Commands);
            AboutTopic.ParseFile(Path.Combine(Docs.Folder, "about_TableauWebhooks.md"));
        }

        [Fact]
        public void A_missing_section_is_reported_with_the_file_and_the_heading_line()
        {
            var markdown = ValidDoc;
            var notes = markdown.IndexOf("## NOTES", StringComparison.Ordinal);
            var links = markdown.IndexOf("## RELATED LINKS", StringComparison.Ordinal);
            var error = SingleError(markdown.Remove(notes, links - notes));
            Assert.Contains("'## NOTES' section is missing", error.Message);
            Assert.Equal(LineOf(markdown, "# Get-TableauSite"), error.Line);
            Assert.Matches(@"Get-TableauSite\.md\(\d+\): error TWHELP001: ", error.ToString());
        }

        [Fact]
        public void Invalid_yaml_is_reported_at_its_line()
        {
            var markdown = ValidDoc;
            var broken = markdown.Replace("Required: False\nPosition: 0", "Required: False\nPosition: [0", StringComparison.Ordinal);
            Assert.NotEqual(markdown, broken);
            var error = SingleError(broken);
            Assert.StartsWith("Invalid YAML", error.Message);
            Assert.InRange(error.Line, LineOf(broken, "Position: [0") - 1, LineOf(broken, "Position: [0") + 1);
        }

        [Fact]
        public void A_bad_parameter_field_is_reported_at_its_own_line()
        {
            var markdown = ValidDoc.Replace("Accept pipeline input: False", "Accept pipeline input: Sometimes", StringComparison.Ordinal);
            var ex = Assert.Throws<DocFormatException>(() => CommandDocParser.Parse(markdown, Path.Combine(_folder, "Get-TableauSite.md")));
            Assert.All(ex.Errors, e => Assert.Contains("Accept pipeline input is 'Sometimes'", e.Message));
            Assert.All(ex.Errors, e => Assert.Equal("Accept pipeline input: Sometimes", markdown.Split('\n')[e.Line - 1]));
        }

        [Fact]
        public void An_example_without_code_and_a_parameter_without_yaml_are_refused()
        {
            var markdown = ValidDoc;
            var start = markdown.IndexOf("```powershell\nGet-TableauSite\n```", StringComparison.Ordinal);
            Assert.True(start > 0);
            var noCode = markdown.Remove(start, "```powershell\nGet-TableauSite\n```".Length);
            Assert.Contains("has no fenced ```powershell code block", SingleError(noCode).Message);

            var yaml = markdown.IndexOf("```yaml", markdown.IndexOf("### -ContentUrl", StringComparison.Ordinal), StringComparison.Ordinal);
            var noYaml = markdown.Remove(yaml, markdown.IndexOf("```\n", yaml + 7, StringComparison.Ordinal) + 4 - yaml);
            var error = SingleError(noYaml);
            Assert.Contains("-ContentUrl has no ```yaml block", error.Message);
            Assert.Equal(LineOf(markdown, "### -ContentUrl"), error.Line);
        }

        [Fact]
        public void A_heading_that_does_not_match_the_file_name_is_refused()
        {
            var error = SingleError(ValidDoc, "Get-TableauSites.md");
            Assert.Contains("must match", error.Message);
        }

        [Fact]
        public void The_builder_exits_with_1_and_prints_file_and_line_for_msbuild()
        {
            File.WriteAllText(Path.Combine(_folder, "Get-TableauSite.md"), ValidDoc.Replace("## SYNOPSIS", "## SYNOPSYS", StringComparison.Ordinal));
            var output = new StringWriter();
            var original = Console.Out;
            int exit;
            Console.SetOut(output);
            try { exit = Program.Main(new[] { _folder, Path.Combine(_folder, "out") }); }
            finally { Console.SetOut(original); }

            Assert.Equal(1, exit);
            Assert.Contains($"{Path.Combine(_folder, "Get-TableauSite.md")}({LineOf(ValidDoc, "## SYNOPSIS")}): error TWHELP001: '## SYNOPSYS' is not a platyPS section", output.ToString());
            Assert.False(Directory.Exists(Path.Combine(_folder, "out")), "Nothing is written when a doc is malformed.");
        }

        [Fact]
        public void The_built_maml_has_platyPS_shape_for_every_documented_cmdlet()
        {
            var path = Path.Combine(Path.GetDirectoryName(ModuleLayout.BuiltManifestPath)!, "en-US", "TableauWebhooks.dll-Help.xml");
            var maml = XDocument.Load(path);
            XNamespace command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
            XNamespace maml_ = "http://schemas.microsoft.com/maml/2004/10";
            Assert.Equal("helpItems", maml.Root!.Name.LocalName);
            var commands = maml.Root.Elements(command + "command").ToList();
            Assert.Equal(Docs.Commands.Select(c => c.Name).OrderBy(n => n), commands.Select(c => c.Element(command + "details")!.Element(command + "name")!.Value).OrderBy(n => n));
            foreach (var element in commands)
            {
                foreach (var child in new[] { command + "details", maml_ + "description", command + "syntax", command + "parameters", command + "inputTypes", command + "returnValues", maml_ + "alertSet", command + "examples", command + "relatedLinks" })
                    Assert.NotNull(element.Element(child));
            }
            Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "about_TableauWebhooks.help.txt")));
        }
    }
}
