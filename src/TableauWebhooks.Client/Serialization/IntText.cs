using System.Globalization;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>Lenient integer for both readers: Tableau (and converters in front of it) send the same value as a JSON number or a string.</summary>
    internal static class IntText
    {
        public static int Parse(string? text, string what)
        {
            if (text != null && int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
            throw new UnreadableResponseException(what + " is '" + text + "', not a number");
        }
    }
}
