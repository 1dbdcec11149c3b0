using System;
using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using TableauWebhooks.Commands;

namespace TableauWebhooks.Completion
{
    /// <summary>
    /// Completes the names of the session's webhooks (fetched once, cached briefly). A completed name selects exactly
    /// that webhook: for -Name, which takes wildcards, it is inserted escaped (prod`*), and what was typed is read as
    /// -Name reads it (a pattern, so *fin completes prod-finance); for -LiteralName it is inserted and matched as it is.
    /// Either way it is quoted when PowerShell would read it otherwise.
    /// </summary>
    public sealed class WebhookNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var literal = string.Equals(parameterName, "LiteralName", StringComparison.OrdinalIgnoreCase);
            var typed = CompletionHelpers.Unquote(wordToComplete);
            var pattern = literal ? null : PatternStart(typed);
            return CompletionHelpers.FromWebhooks(fakeBoundParameters, wordToComplete,
                (w, _) => pattern == null ? CompletionHelpers.StartsWith(w.Name, typed) : pattern.IsMatch(w.Name),
                w => new CompletionResult(CompletionHelpers.Quote(literal ? w.Name : WebhookNameFilter.Escape(w.Name)), w.Name,
                    CompletionResultType.ParameterValue, $"{w.Event} -> {w.DestinationUrl}{(w.Enabled ? "" : " (disabled)")}"));
        }

        /// <summary>Names that the typed pattern, with * appended, matches: what -Name would select from what was typed.</summary>
        private static WildcardPattern PatternStart(string typed)
        {
            // An unfinished escape (prod`) escapes nothing yet.
            var trailing = typed.Length - typed.TrimEnd('`').Length;
            if (trailing % 2 == 1) typed = typed.Substring(0, typed.Length - 1);
            return WildcardPattern.Get(typed + "*", WildcardOptions.IgnoreCase);
        }
    }
}
