using System;
using System.Collections.Generic;

namespace TableauWebhooks.HelpBuilder
{
    /// <summary>A problem in a markdown help file, with the file and 1-based line it is on.</summary>
    public sealed class DocError
    {
        public DocError(string file, int line, string message)
        {
            File = file;
            Line = line;
            Message = message;
        }

        public string File { get; }
        public int Line { get; }
        public string Message { get; }

        /// <summary>MSBuild's canonical error format, so the build fails and IDEs link to the line.</summary>
        public override string ToString() => $"{File}({Line}): error TWHELP001: {Message}";
    }

    /// <summary>Thrown by the parsers when a file cannot be turned into help; carries every problem found.</summary>
    public sealed class DocFormatException : Exception
    {
        public DocFormatException(IReadOnlyList<DocError> errors)
            : base(string.Join(Environment.NewLine, errors))
        {
            Errors = errors;
        }

        public IReadOnlyList<DocError> Errors { get; }
    }

    /// <summary>One cmdlet's platyPS (schema 2.0.0) markdown help.</summary>
    public sealed class CommandDoc
    {
        public string File { get; set; } = "";
        public string Name { get; set; } = "";
        public IReadOnlyDictionary<string, string> FrontMatter { get; set; } = new Dictionary<string, string>();
        public string OnlineVersion => FrontMatter.TryGetValue("online version", out var v) ? v : "";
        public List<string> Synopsis { get; } = new List<string>();
        public List<SyntaxDoc> Syntax { get; } = new List<SyntaxDoc>();
        public List<string> Description { get; } = new List<string>();
        public List<ExampleDoc> Examples { get; } = new List<ExampleDoc>();
        public List<ParameterDoc> Parameters { get; } = new List<ParameterDoc>();
        public bool HasCommonParameters { get; set; }
        public List<TypeDoc> Inputs { get; } = new List<TypeDoc>();
        public List<TypeDoc> Outputs { get; } = new List<TypeDoc>();
        public List<string> Notes { get; } = new List<string>();
        public List<LinkDoc> RelatedLinks { get; } = new List<LinkDoc>();

        public string Verb => Name.Contains('-') ? Name.Substring(0, Name.IndexOf('-')) : Name;
        public string Noun => Name.Contains('-') ? Name.Substring(Name.IndexOf('-') + 1) : "";
    }

    /// <summary>A `### SetName` under SYNTAX; "(Default)" after the name marks the default parameter set.</summary>
    public sealed class SyntaxDoc
    {
        public string SetName { get; set; } = "";
        public bool IsDefault { get; set; }
        public string Text { get; set; } = "";
        public int Line { get; set; }
    }

    public sealed class ExampleDoc
    {
        public int Number { get; set; }
        /// <summary>The whole heading, e.g. "Example 1: List the failed-extract webhooks".</summary>
        public string Title { get; set; } = "";
        public string Code { get; set; } = "";
        public int CodeLine { get; set; }
        public List<string> Remarks { get; } = new List<string>();
        public int Line { get; set; }
    }

    public sealed class ParameterDoc
    {
        public string Name { get; set; } = "";
        public List<string> Description { get; } = new List<string>();
        /// <summary>One per ```yaml block; platyPS writes several when a parameter differs between parameter sets.</summary>
        public List<ParameterSetDoc> Sets { get; } = new List<ParameterSetDoc>();
        public int Line { get; set; }
    }

    /// <summary>A parameter's ```yaml block.</summary>
    public sealed class ParameterSetDoc
    {
        public string Type { get; set; } = "";
        /// <summary>The set names, or the single entry "(All)".</summary>
        public List<string> ParameterSets { get; } = new List<string>();
        public List<string> Aliases { get; } = new List<string>();
        public bool Required { get; set; }
        /// <summary>"Named" or a number.</summary>
        public string Position { get; set; } = "Named";
        public string DefaultValue { get; set; } = "";
        /// <summary>As written: False, True (ByValue), True (ByPropertyName) or True (ByPropertyName, ByValue).</summary>
        public string PipelineInput { get; set; } = "False";
        public bool ByValue { get; set; }
        public bool ByPropertyName { get; set; }
        public bool AcceptsWildcards { get; set; }
        public int Line { get; set; }

        public bool AppliesTo(string setName) =>
            ParameterSets.Contains("(All)") || ParameterSets.Exists(s => string.Equals(s, setName, StringComparison.OrdinalIgnoreCase));
    }

    public sealed class TypeDoc
    {
        public string Name { get; set; } = "";
        public List<string> Description { get; } = new List<string>();
    }

    public sealed class LinkDoc
    {
        public string Text { get; set; } = "";
        public string Uri { get; set; } = "";
    }
}
