using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.HelpBuilder;
using Xunit;

namespace TableauWebhooks.Help.Tests
{
    /// <summary>
    /// The docs say what the code does: the same cmdlets, the same parameters (common parameters aside), and for each
    /// parameter the same sets, type, aliases, Required, Position, pipeline input and wildcard support as its
    /// ParameterAttribute metadata. A parameter added in code but not documented (or the reverse) fails here.
    /// </summary>
    public sealed class DocsMatchCodeTests : IClassFixture<ModuleFixture>
    {
        private const string AllSets = "__AllParameterSets";
        private readonly ModuleFixture _module;

        public DocsMatchCodeTests(ModuleFixture module) => _module = module;

        [Fact]
        public void Every_exported_cmdlet_has_a_doc_and_every_doc_an_exported_cmdlet()
        {
            var documented = Docs.Commands.Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var exported = _module.Cmdlets.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase);
            Assert.True(exported.Count > 0, "The module exports no cmdlets.");
            Assert.Empty(exported.Except(documented).Select(n => $"{n} has no docs/en-US/{n}.md"));
            Assert.Empty(documented.Except(exported).Select(n => $"docs/en-US/{n}.md documents a cmdlet the module does not export"));
        }

        [Theory]
        [MemberData(nameof(Docs.CommandNames), MemberType = typeof(Docs))]
        public void Parameters_match_the_code(string cmdlet)
        {
            Assert.True(_module.Cmdlets.TryGetValue(cmdlet, out var info), $"{cmdlet} is documented but not exported.");
            var problems = Compare(info!, Docs.Command(cmdlet)).ToList();
            Assert.True(problems.Count == 0, $"docs/en-US/{cmdlet}.md does not match the code:\n  " + string.Join("\n  ", problems));
        }

        internal static IEnumerable<string> Compare(CmdletInfo info, CommandDoc doc)
        {
            var code = info.Parameters.Values.Where(p => !Cmdlet.CommonParameters.Contains(p.Name))
                .ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
            var documented = doc.Parameters.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);

            foreach (var name in code.Keys.Where(n => !documented.ContainsKey(n)).OrderBy(n => n))
                yield return $"-{name} exists in code but has no '### -{name}' in the docs";
            foreach (var name in documented.Keys.Where(n => !code.ContainsKey(n)).OrderBy(n => n))
                yield return $"-{name} is documented (line {documented[name].Line}) but the cmdlet has no such parameter";

            foreach (var (name, metadata) in code.Where(p => documented.ContainsKey(p.Key)).OrderBy(p => p.Key))
            {
                var parameter = documented[name];
                if (parameter.Name != metadata.Name) yield return $"-{parameter.Name} is spelled -{metadata.Name} in code";
                foreach (var problem in CompareParameter(metadata, parameter)) yield return $"-{metadata.Name}: {problem}";
            }

            // ## SYNTAX: one ### per parameter set, the default one marked (Default).
            var codeSets = info.ParameterSets.Select(s => s.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var docSets = doc.Syntax.Select(s => s.SetName).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var set in codeSets.Except(docSets)) yield return $"parameter set '{set}' has no '### {set}' under ## SYNTAX";
            foreach (var set in docSets.Except(codeSets)) yield return $"'### {set}' under ## SYNTAX is not a parameter set of the cmdlet ({string.Join(", ", codeSets)})";
            if (info.ParameterSets.Count > 1)
            {
                var defaultSet = info.ParameterSets.FirstOrDefault(s => s.IsDefault)?.Name;
                var docDefault = doc.Syntax.FirstOrDefault(s => s.IsDefault)?.SetName;
                if (!string.Equals(defaultSet, docDefault, StringComparison.OrdinalIgnoreCase))
                    yield return $"the default parameter set is '{defaultSet}' but the docs mark '{docDefault ?? "none"}' with (Default)";
            }
            foreach (var syntax in doc.Syntax.Where(s => codeSets.Contains(s.SetName)))
            {
                var set = info.ParameterSets.First(s => string.Equals(s.Name, syntax.SetName, StringComparison.OrdinalIgnoreCase));
                foreach (var member in set.Parameters.Where(p => !Cmdlet.CommonParameters.Contains(p.Name)))
                    if (!syntax.Text.Contains("-" + member.Name + " ", StringComparison.Ordinal) && !syntax.Text.Contains("-" + member.Name + "]", StringComparison.Ordinal))
                        yield return $"the syntax of set '{syntax.SetName}' (line {syntax.Line}) does not show -{member.Name}";
            }
        }

        private static IEnumerable<string> CompareParameter(ParameterMetadata metadata, ParameterDoc parameter)
        {
            if (parameter.Sets.Count == 0) yield break; // the parser already refused this
            var codeSets = metadata.ParameterSets;
            var onlyAll = codeSets.Count == 1 && codeSets.ContainsKey(AllSets);

            foreach (var block in parameter.Sets)
            {
                var type = TypeName(metadata.ParameterType);
                if (!string.Equals(block.Type, type, StringComparison.OrdinalIgnoreCase))
                    yield return $"Type is {type} in code but {block.Type} in the docs (line {block.Line})";
                var aliases = string.Join(", ", metadata.Aliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase));
                var docAliases = string.Join(", ", block.Aliases.OrderBy(a => a, StringComparer.OrdinalIgnoreCase));
                if (!string.Equals(aliases, docAliases, StringComparison.OrdinalIgnoreCase))
                    yield return $"Aliases are '{aliases}' in code but '{docAliases}' in the docs (line {block.Line})";
                var wildcards = metadata.Attributes.OfType<SupportsWildcardsAttribute>().Any();
                if (wildcards != block.AcceptsWildcards)
                    yield return $"Accept wildcard characters is {wildcards} in code ([SupportsWildcards]) but {block.AcceptsWildcards} in the docs (line {block.Line})";

                if (block.ParameterSets.Contains("(All)"))
                {
                    if (!onlyAll) yield return $"the docs say Parameter Sets: (All) (line {block.Line}) but in code it belongs to {string.Join(", ", codeSets.Keys)}";
                }
                else
                {
                    if (onlyAll) yield return $"the docs list Parameter Sets: {string.Join(", ", block.ParameterSets)} (line {block.Line}) but in code it is in every set: write (All)";
                    foreach (var set in block.ParameterSets.Where(s => !codeSets.ContainsKey(s)))
                        yield return $"the docs put it in set '{set}' (line {block.Line}) but in code it is in {string.Join(", ", codeSets.Keys)}";
                }
            }

            foreach (var (setName, set) in codeSets)
            {
                var docName = setName == AllSets ? "(All)" : setName;
                var block = parameter.Sets.FirstOrDefault(b => setName == AllSets ? b.ParameterSets.Contains("(All)") : b.AppliesTo(setName));
                if (block == null)
                {
                    yield return $"it is in parameter set '{docName}' in code, but no yaml block lists that set";
                    continue;
                }
                if (block.Required != set.IsMandatory)
                    yield return $"in set '{docName}' code has Mandatory = {set.IsMandatory} but the docs say Required: {block.Required} (line {block.Line})";
                var position = set.Position == int.MinValue ? "Named" : set.Position.ToString();
                if (!string.Equals(position, block.Position, StringComparison.OrdinalIgnoreCase))
                    yield return $"in set '{docName}' code has Position {position} but the docs say {block.Position} (line {block.Line})";
                if (set.ValueFromPipeline != block.ByValue || set.ValueFromPipelineByPropertyName != block.ByPropertyName)
                    yield return $"in set '{docName}' code accepts pipeline input {PipelineInput(set)} but the docs say {block.PipelineInput} (line {block.Line})";
            }
        }

        private static string PipelineInput(ParameterSetMetadata set) =>
            set.ValueFromPipeline && set.ValueFromPipelineByPropertyName ? "True (ByPropertyName, ByValue)"
            : set.ValueFromPipeline ? "True (ByValue)"
            : set.ValueFromPipelineByPropertyName ? "True (ByPropertyName)" : "False";

        private static string TypeName(Type type)
        {
            var underlying = Nullable.GetUnderlyingType(type);
            return underlying != null ? underlying.Name : type.Name;
        }
    }
}
