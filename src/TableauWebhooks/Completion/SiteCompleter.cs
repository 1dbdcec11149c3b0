using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Completion
{
    /// <summary>
    /// Completes site contentUrls from a session on the same server (for Connect-TableauServer: one already open to the
    /// -Server being typed). Listing sites needs a server administrator; others get the site they are on.
    /// </summary>
    public sealed class SiteCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var session = SessionFor(commandName, fakeBoundParameters);
            if (session == null) return Enumerable.Empty<CompletionResult>();
            var typed = CompletionHelpers.Unquote(wordToComplete);
            return session.CompletionCache.SiteContentUrls(session)
                .Where(site => CompletionHelpers.StartsWith(site, typed))
                .OrderBy(site => site, StringComparer.OrdinalIgnoreCase)
                .Select(site => new CompletionResult(site.Length == 0 ? "''" : CompletionHelpers.Quote(site), site.Length == 0 ? "(Default)" : site,
                    CompletionResultType.ParameterValue, site.Length == 0 ? "The Default site" : "Site " + site))
                .ToList();
        }

        private static TableauSession? SessionFor(string commandName, IDictionary fakeBoundParameters)
        {
            if (!string.Equals(commandName, "Connect-TableauServer", StringComparison.OrdinalIgnoreCase))
                return CompletionHelpers.SessionFor(fakeBoundParameters);

            var server = fakeBoundParameters?["Server"];
            var text = (server is PSObject wrapped ? wrapped.BaseObject : server)?.ToString();
            if (text == null || !Uri.TryCreate(text, UriKind.Absolute, out var wanted)) return null;
            return SessionRegistry.ForCurrentRunspace().All.FirstOrDefault(s => s.IsConnected
                && string.Equals(s.Server.Authority, wanted.Authority, StringComparison.OrdinalIgnoreCase)
                && string.Equals(s.Server.Scheme, wanted.Scheme, StringComparison.OrdinalIgnoreCase));
        }
    }
}
