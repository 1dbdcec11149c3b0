using System;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TableauServer.Simulator.Auth;

namespace TableauServer.Simulator;

/// <summary>Builds connected-app (direct trust) JWTs for signing in to the simulator, as Tableau expects them.</summary>
public static class ConnectedAppJwt
{
    /// <summary>
    /// HS256 JWT: header {alg, typ, kid = SecretId, iss = ClientId}; claims iss, sub, aud, exp, jti, scp.
    /// Webhook scope names are UNVERIFIED, so the simulator never enforces scopes.
    /// </summary>
    public static string Create(
        ConnectedAppOptions app,
        string userName,
        TimeSpan lifetime,
        DateTimeOffset? now = null,
        string audience = "tableau",
        string? issuer = null,
        string? signingSecret = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        var issuedAt = now ?? DateTimeOffset.UtcNow;
        var header = JsonSerializer.SerializeToUtf8Bytes(new { alg = "HS256", typ = "JWT", kid = app.SecretId, iss = app.ClientId });
        var claims = JsonSerializer.SerializeToUtf8Bytes(new
        {
            iss = issuer ?? app.ClientId,
            sub = userName,
            aud = audience,
            exp = (issuedAt + lifetime).ToUnixTimeSeconds(),
            jti = Guid.NewGuid().ToString(),
            scp = new[] { "tableau:content:read" },
        });
        var signingInput = Base64Url.Encode(header) + "." + Base64Url.Encode(claims);
        return signingInput + "." + Base64Url.Encode(Sign(signingInput, signingSecret ?? app.SecretValue));
    }

    internal static byte[] Sign(string signingInput, string secret) =>
        HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.ASCII.GetBytes(signingInput));
}
