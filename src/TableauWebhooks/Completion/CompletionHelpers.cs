using System;
using TableauWebhooks.Client.Models;
using System.Linq;
using System.Collections.Generic;
using System.Collections;
using System.Management.Automation;
using System.Management.Automation.Language;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Completion
{
    internal static class CompletionHelpers
    {
        /// <summary>
        /// The word typed so far, without the quote the user may have opened; in single quotes a doubled quote is one
        /// (what Quote wrote reads back).
        /// </summary>
        public static string Unquote(string? word)
        {
            var text = word ?? "";
            var unquoted = text.Trim('\'', '"');
            return text.StartsWith("'", StringComparison.Ordinal) ? unquoted.Replace("''", "'") : unquoted;
        }

        /// <summary>
        /// Completion text that PowerShell reads back as the same string, in any argument position: a bare word only
        /// when it is plainly one (starts with a letter or _, then letters, digits, - _ .), else single-quoted, where
        /// nothing but a quote is special (and PowerShell counts the typographic quotes as quotes too). So a backtick
        /// or $ stays as it is, a leading dash is no parameter name and 1kb is no number.
        /// </summary>
        public static string Quote(string value)
        {
            if (IsPlainWord(value)) return value;
            return "'" + CodeGeneration.EscapeSingleQuotedStringContent(value) + "'";
        }

        private static bool IsPlainWord(string value)
            => value.Length > 0 && (char.IsLetter(value[0]) || value[0] == '_')
                && value.All(c => char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.');

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
