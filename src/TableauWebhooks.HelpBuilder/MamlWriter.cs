using System;
using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace TableauWebhooks.HelpBuilder
{
    /// <summary>
    /// Writes cmdlet help as MAML in the shape platyPS's New-ExternalHelp produces, which Get-Help reads:
    /// helpItems / command:command with details, description, syntax, parameters, inputTypes, returnValues,
    /// alertSet, examples and relatedLinks.
    /// </summary>
    public static class MamlWriter
    {
        private static readonly XNamespace Msh = "http://msh";
        private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
        private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
        private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
        private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

        public static XDocument Write(IEnumerable<CommandDoc> commands)
        {
            var root = new XElement(Msh + "helpItems", new XAttribute("schema", "maml"));
            foreach (var command in commands) root.Add(WriteCommand(command));
            return new XDocument(new XDeclaration("1.0", "utf-8", null), root);
        }

        private static XElement WriteCommand(CommandDoc doc)
        {
            var parametersInSyntaxOrder = doc.Parameters;
            return new XElement(Command + "command",
                new XAttribute(XNamespace.Xmlns + "maml", Maml),
                new XAttribute(XNamespace.Xmlns + "command", Command),
                new XAttribute(XNamespace.Xmlns + "dev", Dev),
                new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
                new XElement(Command + "details",
                    new XElement(Command + "name", doc.Name),
                    new XElement(Command + "verb", doc.Verb),
                    new XElement(Command + "noun", doc.Noun),
                    Description(doc.Synopsis)),
                Description(doc.Description),
                new XElement(Command + "syntax", doc.Syntax.Select(s => SyntaxItem(doc, s))),
                new XElement(Command + "parameters", doc.Parameters.Select(p => Parameter(p, p.Sets.FirstOrDefault(), inSyntax: false))),
                new XElement(Command + "inputTypes", doc.Inputs.Select(t => new XElement(Command + "inputType", TypeAndDescription(t)))),
                new XElement(Command + "returnValues", doc.Outputs.Select(t => new XElement(Command + "returnValue", TypeAndDescription(t)))),
                new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paras(doc.Notes))),
                new XElement(Command + "examples", doc.Examples.Select(Example)),
                new XElement(Command + "relatedLinks", Links(doc)));
        }

        private static XElement Description(IEnumerable<string> paragraphs) => new XElement(Maml + "description", Paras(paragraphs));

        private static IEnumerable<XElement> Paras(IEnumerable<string> paragraphs)
        {
            var list = paragraphs.ToList();
            if (list.Count == 0) return new[] { new XElement(Maml + "para") };
            return list.Select(p => new XElement(Maml + "para", p));
        }

        // PowerShell's own order within a set: positional parameters by position, then required, then optional.
        private static XElement SyntaxItem(CommandDoc doc, SyntaxDoc syntax)
        {
            var members = doc.Parameters
                .Select(p => (Parameter: p, Set: p.Sets.FirstOrDefault(s => s.AppliesTo(syntax.SetName))))
                .Where(x => x.Set != null)
                .OrderBy(x => int.TryParse(x.Set!.Position, out var position) ? position : int.MaxValue)
                .ThenBy(x => x.Set!.Required ? 0 : 1)
                .ThenBy(x => x.Set!.Type == "SwitchParameter" ? 1 : 0)
                .Select(x => Parameter(x.Parameter, x.Set, inSyntax: true));
            return new XElement(Command + "syntaxItem", new XElement(Maml + "name", doc.Name), members);
        }

        private static XElement Parameter(ParameterDoc parameter, ParameterSetDoc? set, bool inSyntax)
        {
            set ??= new ParameterSetDoc();
            var isSwitch = set.Type == "SwitchParameter";
            var element = new XElement(Command + "parameter",
                new XAttribute("required", set.Required ? "true" : "false"),
                new XAttribute("variableLength", set.Type.EndsWith("[]", StringComparison.Ordinal) ? "true" : "false"),
                new XAttribute("globbing", set.AcceptsWildcards ? "true" : "false"),
                new XAttribute("pipelineInput", set.PipelineInput),
                new XAttribute("position", set.Position == "Named" ? "named" : set.Position),
                new XAttribute("aliases", set.Aliases.Count == 0 ? "none" : string.Join(", ", set.Aliases)),
                new XElement(Maml + "name", parameter.Name),
                Description(parameter.Description));
            if (!(inSyntax && isSwitch))
                element.Add(new XElement(Command + "parameterValue", new XAttribute("required", isSwitch ? "false" : "true"),
                    new XAttribute("variableLength", "false"), set.Type));
            element.Add(new XElement(Dev + "type", new XElement(Maml + "name", set.Type), new XElement(Maml + "uri")));
            element.Add(new XElement(Dev + "defaultValue", set.DefaultValue.Length == 0 ? "None" : set.DefaultValue));
            return element;
        }

        private static IEnumerable<XElement> TypeAndDescription(TypeDoc type) => new[]
        {
            new XElement(Dev + "type", new XElement(Maml + "name", type.Name)),
            Description(type.Description),
        };

        private static XElement Example(ExampleDoc example) => new XElement(Command + "example",
            new XElement(Maml + "title", $"-------------------------- {example.Title} --------------------------"),
            new XElement(Dev + "code", example.Code),
            // A trailing empty para, as platyPS writes, keeps a blank line before the next example's title.
            new XElement(Dev + "remarks", Paras(example.Remarks), new XElement(Maml + "para")));

        private static IEnumerable<XElement> Links(CommandDoc doc)
        {
            if (doc.OnlineVersion.Length > 0)
                yield return Link("Online Version:", doc.OnlineVersion);
            foreach (var link in doc.RelatedLinks)
                yield return Link(link.Text, Uri.TryCreate(link.Uri, UriKind.Absolute, out _) ? link.Uri : "");
        }

        private static XElement Link(string text, string uri) =>
            new XElement(Maml + "navigationLink", new XElement(Maml + "linkText", text), new XElement(Maml + "uri", uri));
    }
}
