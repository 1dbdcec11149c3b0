using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace TableauWebhooks.Completion
{
    /// <summary>Completes the names of the session's webhooks (fetched once, cached briefly).</summary>
    public sealed class WebhookNameCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = CompletionHelpers.SessionFor(fakeBoundParameters);
            if (session == null) return Enumerable.Empty<CompletionResult>();
            var typed = CompletionHelpers.Unquote(wordToComplete);
            return session.CompletionCache.Webhooks(session)
                .Where(w => CompletionHelpers.StartsWith(w.Name, typed))
                .OrderBy(w => w.Name, System.StringComparer.OrdinalIgnoreCase)
                .Select(w => new CompletionResult(CompletionHelpers.Quote(w.Name), w.Name, CompletionResultType.ParameterValue,
                    $"{w.Event} -> {w.DestinationUrl}{(w.Enabled ? "" : " (disabled)")}"))
                .ToList();
        }
    }
}
