using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace TableauServer.Simulator.Auth;

/// <summary>
/// Checks a connected-app JWT the way Tableau documents: HS256 with the app's secret, kid = secret id,
/// iss = client id, aud = "tableau", exp in the future and at most 10 minutes away, sub = a user name.
/// Returns the subject, or an error detail that never repeats the token or the secret.
/// </summary>
internal static class ConnectedAppJwtValidator
{
    private static readonly TimeSpan MaxLifetime = TimeSpan.FromMinutes(10);

    public static bool TryValidate(string jwt, ConnectedAppOptions app, DateTimeOffset now, out string subject, out string error)
    {
        subject = "";
        var parts = jwt.Split('.');
        if (parts.Length != 3 || Base64Url.TryDecode(parts[0]) is not { } headerBytes || Base64Url.TryDecode(parts[1]) is not { } claimBytes
            || Base64Url.TryDecode(parts[2]) is not { } signature)
        {
            error = "The JWT is malformed.";
            return false;
        }

        try
        {
            using var header = JsonDocument.Parse(headerBytes);
            using var claims = JsonDocument.Parse(claimBytes);
            error = CheckHeader(header.RootElement, app)
                ?? CheckSignature(parts[0] + "." + parts[1], signature, app)
                ?? CheckClaims(claims.RootElement, app, now, out subject)
                ?? "";
            return error.Length == 0;
        }
        catch (JsonException)
        {
            error = "The JWT is malformed.";
            return false;
        }
    }

    private static string? CheckHeader(JsonElement header, ConnectedAppOptions app)
    {
        if (GetString(header, "alg") != "HS256")
        {
            return "The JWT must be signed with HS256.";
        }

        if (GetString(header, "kid") != app.SecretId)
        {
            return "The JWT 'kid' header does not name a secret of the connected app.";
        }

        var headerIssuer = GetString(header, "iss");
        return headerIssuer is not null && headerIssuer != app.ClientId ? "The JWT 'iss' header is not the connected app's client id." : null;
    }

    private static string? CheckSignature(string signingInput, byte[] signature, ConnectedAppOptions app) =>
        CryptographicOperations.FixedTimeEquals(ConnectedAppJwt.Sign(signingInput, app.SecretValue), signature)
            ? null
            : "The JWT signature is invalid.";

    private static string? CheckClaims(JsonElement claims, ConnectedAppOptions app, DateTimeOffset now, out string subject)
    {
        subject = GetString(claims, "sub") ?? "";
        if (GetString(claims, "iss") != app.ClientId)
        {
            return "The JWT issuer is not the connected app's client id.";
        }

        if (!HasAudience(claims, "tableau"))
        {
            return "The JWT audience must be 'tableau'.";
        }

        if (!claims.TryGetProperty("exp", out var expClaim) || !expClaim.TryGetInt64(out var exp))
        {
            return "The JWT has no expiration time.";
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(exp);
        if (expires <= now)
        {
            return "The JWT has expired.";
        }

        var issuedAt = claims.TryGetProperty("iat", out var iatClaim) && iatClaim.TryGetInt64(out var iat)
            ? DateTimeOffset.FromUnixTimeSeconds(iat)
            : now;
        if (expires - (issuedAt < now ? issuedAt : now) > MaxLifetime + TimeSpan.FromSeconds(5))
        {
            return "The JWT expiration time is more than 10 minutes away.";
        }

        if (GetString(claims, "jti") is not { Length: > 0 })
        {
            return "The JWT has no 'jti' claim.";
        }

        return subject.Length == 0 ? "The JWT has no subject." : null;
    }

    private static bool HasAudience(JsonElement claims, string audience)
    {
        if (!claims.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        if (aud.ValueKind == JsonValueKind.Array)
        {
            foreach (var item in aud.EnumerateArray())
            {
                if (item.ValueKind == JsonValueKind.String && item.GetString() == audience)
                {
                    return true;
                }
            }

            return false;
        }

        return aud.ValueKind == JsonValueKind.String && aud.GetString() == audience;
    }

    private static string? GetString(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
