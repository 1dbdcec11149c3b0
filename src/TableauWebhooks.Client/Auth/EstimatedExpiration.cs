using System;
using System.Globalization;

namespace TableauWebhooks.Client.Auth
{
    /// <summary>
    /// Reads credentials@estimatedTimeToExpiration. Tableau does not document its format (UNVERIFIED); client code seen in
    /// the wild reads values such as "177:05:38" as days:hours:minutes, so that is what we read. Anything else is ignored:
    /// the value is only shown to the user, never relied on.
    /// </summary>
    internal static class EstimatedExpiration
    {
        public static DateTimeOffset? From(DateTimeOffset signedInAt, string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var parts = value!.Trim().Split(':');
            if (parts.Length != 3) return null;
            if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var days)
                || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
                || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
                || hours > 23 || minutes > 59)
                return null;
            return signedInAt + new TimeSpan(days, hours, minutes, 0);
        }
    }
}
