using System;
using System.Globalization;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>A timestamp for both readers, read leniently: it is informational, so an odd one reads as absent rather than failing.</summary>
    internal static class DateText
    {
        public static DateTimeOffset? Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            // Informational only: an odd timestamp should not make a whole listing unreadable.
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : (DateTimeOffset?)null;
        }
    }
}
