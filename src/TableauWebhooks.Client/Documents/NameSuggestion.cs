using System;
using System.Collections.Generic;

namespace TableauWebhooks.Client.Documents
{
    /// <summary>
    /// "Did you mean 'Site'?": the known name a wrong one most likely meant. The same name in another case wins; else
    /// the nearest by edit distance, when it is near enough to be a typo (a third of the name's length, at least 2), or
    /// a known name that contains the wrong one or is contained in it ("Destination" for DestinationUrl).
    /// </summary>
    public static class NameSuggestion
    {
        public static string? For(string? written, IEnumerable<string> known)
        {
            if (string.IsNullOrEmpty(written)) return null;
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in known)
            {
                if (string.Equals(candidate, written, StringComparison.OrdinalIgnoreCase)) return candidate;
                var distance = Distance(written!.ToLowerInvariant(), candidate.ToLowerInvariant());
                var near = distance <= Math.Max(2, candidate.Length / 3)
                    || (written.Length >= 3 && (candidate.IndexOf(written, StringComparison.OrdinalIgnoreCase) >= 0
                                                || written.IndexOf(candidate, StringComparison.OrdinalIgnoreCase) >= 0));
                if (near && distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }
            return best;
        }

        /// <summary>" (did you mean 'Site'?)", or nothing.</summary>
        public static string Hint(string? written, IEnumerable<string> known)
            => For(written, known) is { } suggestion ? $" (did you mean '{suggestion}'?)" : "";

        // Levenshtein distance, two rows.
        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++) previous[j] = j;
            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }
                (previous, current) = (current, previous);
            }
            return previous[b.Length];
        }
    }
}
