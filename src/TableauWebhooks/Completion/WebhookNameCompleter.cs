using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TableauWebhooks.Completion
{
    /// <summary>Completes the names of the session's webhooks (fetched once, cached briefly).</summary>
    public sealed class WebhookNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
            => CompletionHelpers.FromWebhooks(fakeBoundParameters, wordToComplete,
                (w, typed) => CompletionHelpers.StartsWith(w.Name, typed),
                w => new CompletionResult(CompletionHelpers.Quote(w.Name), w.Name, CompletionResultType.ParameterValue,
                    $"{w.Event} -> {w.DestinationUrl}{(w.Enabled ? "" : " (disabled)")}"));
    }
}
