using System;
using TableauWebhooks.Client.Models;
using System.Linq;
using System.Collections.Generic;
using System.Collections;
using System.Management.Automation;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Completion
{
    internal static class CompletionHelpers
    {
        /// <summary>The word typed so far, without the quote the user may have opened.</summary>
        public static string Unquote(string? word) => (word ?? "").Trim('\'', '"');

        /// <summary>Completion text that PowerShell reads back as the same string.</summary>
        public static string Quote(string value)
        {
            if (value.Length > 0 && value.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', ',', ';', '(', ')', '{', '}', '@', '#', '&', '|', '<', '>' }) < 0)
                return value;
            return "'" + value.Replace("'", "''") + "'";
        }

        public static bool StartsWith(string candidate, string typed) => candidate.StartsWith(typed, StringComparison.OrdinalIgnoreCase);

        /// <summary>The session the command line names with -Session, else the runspace's default session.</summary>
        /// <summary>
        /// The session's webhooks (cached briefly) that match what was typed, ordered by name, as completion results;
        /// nothing when there is no session. The webhook completers differ only in what matches and what they show.
        /// </summary>
        public static IEnumerable<CompletionResult> FromWebhooks(IDictionary fakeBoundParameters, string wordToComplete,
            Func<WebhookInfo, string, bool> matches, Func<WebhookInfo, CompletionResult> toResult)
        {
            var session = SessionFor(fakeBoundParameters);
            if (session == null) return Enumerable.Empty<CompletionResult>();
            var typed = Unquote(wordToComplete);
            return session.CompletionCache.Webhooks(session)
                .Where(w => matches(w, typed))
                .OrderBy(w => w.Name, StringComparer.OrdinalIgnoreCase)
                .Select(toResult)
                .ToList();
        }

        public static TableauSession? SessionFor(IDictionary fakeBoundParameters)
        {
            var bound = fakeBoundParameters?["Session"];
            if ((bound is PSObject wrapped ? wrapped.BaseObject : bound) is TableauSession session) return session;
            var current = SessionRegistry.ForCurrentRunspace().Current;
            return current != null && current.IsConnected ? current : null;
        }
    }
}
