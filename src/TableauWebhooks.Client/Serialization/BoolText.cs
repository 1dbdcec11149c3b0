using System;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>Lenient true/false for both readers: Tableau (and converters in front of it) send the flag as a JSON boolean or a string, in any case.</summary>
    internal static class BoolText
    {
        public static bool Parse(string text, string what)
        {
            if (string.Equals(text.Trim(), "true", StringComparison.OrdinalIgnoreCase)) return true;
            if (string.Equals(text.Trim(), "false", StringComparison.OrdinalIgnoreCase)) return false;
            throw new UnreadableResponseException(what + " is '" + text + "', not true or false");
        }
    }
}
