using System;
using System.Globalization;

namespace TableauServer.Simulator.Wire;

/// <summary>How typed attribute values are spelled on the wire.</summary>
internal static class WireValue
{
    public static string ToText(object value) => value switch
    {
        bool b => b ? "true" : "false",
        DateTimeOffset time => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>Reads "true"/"false" in any case; JSON booleans arrive here already as text.</summary>
    public static bool? ParseBoolean(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        "true" => true,
        "false" => false,
        _ => null,
    };
}
