using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TableauWebhooks.Completion
{
    /// <summary>
    /// Completes webhook ids. Nobody types a GUID, so the typed text matches either the start of an id or the start of a
    /// webhook's name, and the list shows names.
    /// </summary>
    public sealed class WebhookIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionHelpers.FromWebhooks(fakeBoundParameters, wordToComplete,
                (w, typed) => CompletionHelpers.StartsWith(w.Id, typed) || CompletionHelpers.StartsWith(w.Name, typed),
                w => new CompletionResult(w.Id, $"{w.Name} ({w.Id})", CompletionResultType.ParameterValue, $"{w.Name}: {w.Event} -> {w.DestinationUrl}"));
    }
}
