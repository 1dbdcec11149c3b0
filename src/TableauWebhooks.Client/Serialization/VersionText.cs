using System;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>A REST API version for both readers, as a string or a number ("3" reads as 3.0), kept to major.minor.</summary>
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
}
