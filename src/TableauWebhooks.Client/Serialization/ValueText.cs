using System;
using System.Globalization;

namespace TableauWebhooks.Client.Serialization
{
    // Lenient scalar parsing shared by both readers: Tableau (and converters in front of it) send the same value
    // as a JSON boolean or a string, a number or a string.

    internal static class BoolText
    {
        public static bool Parse(string text, string what)
        {
            if (string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(text.Trim(), "false", StringComparison.OrdinalIgnoreCase)) return false;
            throw new UnreadableResponseException(what + " is '" + text + "', not true or false");
        }
    }

    internal static class IntText
    {
        public static int Parse(string? text, string what)
        {
            if (text != null && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            throw new UnreadableResponseException(what + " is '" + text + "', not a number");
        }
    }

    internal static class VersionText
    {
        public static Version Parse(string? text, string what)
        {
            var t = text?.Trim() ?? "";
            if (t.Length > 0 && t.IndexOf('.') < 0) t += ".0";
            if (Version.TryParse(t, out var v)) return new Version(v.Major, Math.Max(0, v.Minor));
            throw new UnreadableResponseException(what + " is '" + text + "', not a version");
        }
    }

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
