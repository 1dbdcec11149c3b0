using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class SignInTests : SimulatorTest
{
    private const string AdminId = "1a96d216-e9b8-497b-a82a-0b899a965e01";
    private const string FinanceId = "9d2e7b40-6a1c-4f3e-b5d8-0c1e2f3a4b5c";

    [Fact]
    public async Task Password_sign_in_returns_token_site_and_user()
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml("admin", "admin", "finance"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = await XmlAsync(response);
        var credentials = ReadCredentials(root);
        Assert.Equal(32, credentials.Token.Length);
        Assert.Equal(FinanceId, credentials.SiteId);
        Assert.Equal("finance", credentials.SiteContentUrl);
        Assert.Equal(AdminId, credentials.UserId);
        Assert.NotNull(root.Element(Ns + "credentials")!.Attribute("estimatedTimeToExpiration"));
    }

    [Fact]
    public async Task Json_sign_in_returns_json_credentials()
    {
        const string body = "{\"credentials\":{\"site\":{\"contentUrl\":\"\"},\"name\":\"viewer\",\"password\":\"viewer\"}}";

        using var response = await SendJsonAsync(HttpMethod.Post, $"api/{V}/auth/signin", null, body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var credentials = (await JsonAsync(response)).GetProperty("credentials");
        Assert.Equal(32, credentials.GetProperty("token").GetString()!.Length);
        Assert.Equal("", credentials.GetProperty("site").GetProperty("contentUrl").GetString());
        Assert.Equal("7c4b1f2e-3d5a-4e6b-9c8d-112233445566", credentials.GetProperty("user").GetProperty("id").GetString());
    }

    [Fact]
    public async Task Personal_access_token_sign_in_works()
    {
        const string body = "<tsRequest><credentials personalAccessTokenName=\"admin-pat\" personalAccessTokenSecret=\"admin-pat-secret\"><site contentUrl=\"\" /></credentials></tsRequest>";

        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: body);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(AdminId, ReadCredentials(await XmlAsync(response)).UserId);
    }

    [Fact]
    public async Task Wrong_password_is_401001_signin_error()
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml("admin", "nope", ""));

        await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001", "Signin Error");
    }

    [Fact]
    public async Task Unknown_user_is_401001_in_json()
    {
        using var response = await SendJsonAsync(HttpMethod.Post, $"api/{V}/auth/signin", null,
            "{\"credentials\":{\"name\":\"ghost\",\"password\":\"x\",\"site\":{\"contentUrl\":\"\"}}}");

        await AssertJsonErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
    }

    [Fact]
    public async Task Wrong_token_secret_is_401001_without_echoing_the_secret()
    {
        const string body = "<tsRequest><credentials personalAccessTokenName=\"admin-pat\" personalAccessTokenSecret=\"S3cr3t-Guess\"><site contentUrl=\"\" /></credentials></tsRequest>";

        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: body);

        await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
        Assert.DoesNotContain("S3cr3t-Guess", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Unknown_site_is_401001()
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml("admin", "admin", "marketing"));

        await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
    }

    [Fact]
    public async Task User_not_on_the_site_is_401001()
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: SignInXml("siteadmin", "siteadmin", ""));

        await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
    }

    [Fact]
    public async Task Unparseable_body_is_400000()
    {
        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: "<tsRequest><credentials name=");

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Fact]
    public async Task Namespaced_request_with_text_xml_is_accepted()
    {
        const string body = "<tsRequest xmlns=\"http://tableau.com/api\"><credentials name=\"admin\" password=\"admin\"><site contentUrl=\"finance\" /></credentials></tsRequest>";

        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/signin", body: body, contentType: "text/xml");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
