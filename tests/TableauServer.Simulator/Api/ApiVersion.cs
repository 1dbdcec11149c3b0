using System;
using System.Globalization;

namespace TableauServer.Simulator.Api;

/// <summary>A REST API version such as 3.27 (the <c>{api-version}</c> URI segment).</summary>
internal readonly record struct ApiVersion(int Major, int Minor) : IComparable<ApiVersion>
{
    public static bool TryParse(string? text, out ApiVersion version)
    {
        version = default;
        var parts = text?.Split('.');
        if (parts is not { Length: 2 }
            || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var major)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minor))
        {
            return false;
        }

        version = new ApiVersion(major, minor);
        return true;
    }

    public static ApiVersion Parse(string text) =>
        TryParse(text, out var version) ? version : throw new FormatException($"'{text}' is not a REST API version.");

    public int CompareTo(ApiVersion other) => Major != other.Major ? Major.CompareTo(other.Major) : Minor.CompareTo(other.Minor);

    public static bool operator <(ApiVersion left, ApiVersion right) => left.CompareTo(right) < 0;
    public static bool operator >(ApiVersion left, ApiVersion right) => left.CompareTo(right) > 0;
    public static bool operator <=(ApiVersion left, ApiVersion right) => left.CompareTo(right) <= 0;
    public static bool operator >=(ApiVersion left, ApiVersion right) => left.CompareTo(right) >= 0;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Major}.{Minor}");

    /// <summary>Versions at which features appeared (reference §1, §4.2, §6.1).</summary>
    public static readonly ApiVersion Webhooks = new(3, 6);
    public static readonly ApiVersion PersonalAccessTokens = new(3, 6);
    public static readonly ApiVersion UpdateWebhook = new(3, 8);
    public static readonly ApiVersion EventAttribute = new(3, 9);
    public static readonly ApiVersion AdminEvents = new(3, 11);
    public static readonly ApiVersion JwtSignIn = new(3, 17);
}
