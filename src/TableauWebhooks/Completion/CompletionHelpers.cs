using System;
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
        public static TableauSession? SessionFor(IDictionary fakeBoundParameters)
        {
            var bound = fakeBoundParameters?["Session"];
            if ((bound is PSObject wrapped ? wrapped.BaseObject : bound) is TableauSession session) return session;
            var current = SessionRegistry.ForCurrentRunspace().Current;
            return current != null && current.IsConnected ? current : null;
        }
    }
}
