using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class JwtSignInTests : SimulatorTest
{
    private static string Body(string jwt) => $"<tsRequest><credentials jwt=\"{jwt}\"><site contentUrl=\"finance\" /></credentials></tsRequest>";

    private Task<HttpResponseMessage> SignInWithJwtAsync(string jwt, string? version = null) =>
        SendAsync(HttpMethod.Post, $"api/{version ?? V}/auth/signin", body: Body(jwt));

    [Fact]
    public async Task Valid_connected_app_jwt_signs_in_as_the_subject()
    {
        var jwt = ConnectedAppJwt.Create(Host.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5));

        using var response = await SignInWithJwtAsync(jwt);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var credentials = ReadCredentials(await XmlAsync(response));
        Assert.Equal("1a96d216-e9b8-497b-a82a-0b899a965e01", credentials.UserId);
        Assert.Equal("finance", credentials.SiteContentUrl);
    }

    [Fact]
    public async Task Bad_signature_is_401001()
    {
        var jwt = ConnectedAppJwt.Create(Host.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5), signingSecret: "not-the-secret-value-at-all-0000");

        using var response = await SignInWithJwtAsync(jwt);

        var error = await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
        Assert.Contains("signature", error.Element(Ns + "detail")!.Value);
    }

    [Fact]
    public async Task Wrong_issuer_is_401001()
    {
        var jwt = ConnectedAppJwt.Create(Host.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5), issuer: "some-other-app");

        using var response = await SignInWithJwtAsync(jwt);

        var error = await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
        Assert.Contains("issuer", error.Element(Ns + "detail")!.Value);
    }

    [Fact]
    public async Task Wrong_audience_is_401001()
    {
        var jwt = ConnectedAppJwt.Create(Host.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5), audience: "salesforce");

        using var response = await SignInWithJwtAsync(jwt);

        var error = await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
        Assert.Contains("audience", error.Element(Ns + "detail")!.Value);
    }

    [Fact]
    public async Task Expired_jwt_is_401001()
    {
        var jwt = ConnectedAppJwt.Create(Host.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5), now: DateTimeOffset.UtcNow.AddMinutes(-20));

        using var response = await SignInWithJwtAsync(jwt);

        var error = await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
        Assert.Contains("expired", error.Element(Ns + "detail")!.Value);
    }

    [Fact]
    public async Task Jwt_living_longer_than_ten_minutes_is_401001()
    {
        var jwt = ConnectedAppJwt.Create(Host.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(30));

        using var response = await SignInWithJwtAsync(jwt);

        await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
    }

    [Fact]
    public async Task Unknown_subject_is_401001()
    {
        var jwt = ConnectedAppJwt.Create(Host.Options.ConnectedApp, "nobody", TimeSpan.FromMinutes(5));

        using var response = await SignInWithJwtAsync(jwt);

        await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
    }

    [Fact]
    public async Task Jwt_sign_in_before_api_3_17_is_refused()
    {
        var jwt = ConnectedAppJwt.Create(Host.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5));

        using var response = await SignInWithJwtAsync(jwt, "3.16");

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Fact]
    public void Jwt_has_the_documented_header_and_claims()
    {
        var app = Host.Options.ConnectedApp;
        var parts = ConnectedAppJwt.Create(app, "admin", TimeSpan.FromMinutes(5)).Split('.');

        var header = Decode(parts[0]);
        var claims = Decode(parts[1]);
        Assert.Equal("HS256", header.GetProperty("alg").GetString());
        Assert.Equal(app.SecretId, header.GetProperty("kid").GetString());
        Assert.Equal(app.ClientId, header.GetProperty("iss").GetString());
        Assert.Equal(app.ClientId, claims.GetProperty("iss").GetString());
        Assert.Equal("admin", claims.GetProperty("sub").GetString());
        Assert.Equal("tableau", claims.GetProperty("aud").GetString());
        Assert.True(Guid.TryParse(claims.GetProperty("jti").GetString(), out _));
        Assert.Equal("tableau:content:read", claims.GetProperty("scp")[0].GetString());
    }

    private static System.Text.Json.JsonElement Decode(string part)
    {
        var base64 = part.Replace('-', '+').Replace('_', '/');
        base64 += new string('=', (4 - base64.Length % 4) % 4);
        using var document = System.Text.Json.JsonDocument.Parse(Convert.FromBase64String(base64));
        return document.RootElement.Clone();
    }
}
