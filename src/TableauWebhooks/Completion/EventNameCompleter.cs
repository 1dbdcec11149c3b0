using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TableauWebhooks.Client.Events;

namespace TableauWebhooks.Completion
{
    /// <summary>
    /// Completes event names with their descriptions. Typing the legacy prefix ("webhook-") completes legacy names, so
    /// both forms complete as typed.
    /// </summary>
    public sealed class EventNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = CompletionHelpers.Unquote(wordToComplete);
            var legacy = typed.StartsWith("webhook-", System.StringComparison.OrdinalIgnoreCase);
            return WebhookEventCatalog.All
                .Select(e => (Event: e, Text: legacy ? e.LegacyName : e.Name))
                .Where(x => CompletionHelpers.StartsWith(x.Text, typed))
                .OrderBy(x => x.Text, System.StringComparer.OrdinalIgnoreCase)
                .Select(x => new CompletionResult(x.Text, x.Text, CompletionResultType.ParameterValue,
                    $"{x.Event.Description} ({x.Event.Name} / {x.Event.LegacyName}; Tableau {x.Event.IntroducedInTableau}, API {x.Event.IntroducedInApi})"))
                .ToList();
        }
    }
}
