using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class SwitchSiteTests : SimulatorTest
{
    [Fact]
    public async Task Switch_site_returns_new_credentials_and_ends_the_old_token()
    {
        var original = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/switchSite", original.Token, "<tsRequest><site contentUrl=\"finance\" /></tsRequest>");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var switched = ReadCredentials(await XmlAsync(response));
        using var withOld = await SendAsync(HttpMethod.Get, Webhooks(original), original.Token);
        using var withNew = await SendAsync(HttpMethod.Get, Webhooks(switched), switched.Token);

        Assert.Equal("finance", switched.SiteContentUrl);
        Assert.NotEqual(original.SiteId, switched.SiteId);
        Assert.NotEqual(original.Token, switched.Token);
        await AssertXmlErrorAsync(withOld, HttpStatusCode.Unauthorized, "401002");
        Assert.Equal(HttpStatusCode.OK, withNew.StatusCode);
    }

    [Fact]
    public async Task Switch_site_accepts_json()
    {
        var original = await SignInAsync();

        using var response = await SendJsonAsync(HttpMethod.Post, $"api/{V}/auth/switchSite", original.Token, "{\"site\":{\"contentUrl\":\"finance\"}}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("finance", (await JsonAsync(response)).GetProperty("credentials").GetProperty("site").GetProperty("contentUrl").GetString());
    }

    [Fact]
    public async Task Switching_to_the_current_site_is_403070()
    {
        var credentials = await SignInAsync(site: "finance");

        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/switchSite", credentials.Token, "<tsRequest><site contentUrl=\"finance\" /></tsRequest>");

        await AssertXmlErrorAsync(response, HttpStatusCode.Forbidden, "403070");
    }

    [Fact]
    public async Task Switching_to_a_site_the_user_is_not_on_is_401001()
    {
        var credentials = await SignInAsync("siteadmin", "siteadmin", "finance");

        using var response = await SendAsync(HttpMethod.Post, $"api/{V}/auth/switchSite", credentials.Token, "<tsRequest><site contentUrl=\"\" /></tsRequest>");
        using var stillValid = await SendAsync(HttpMethod.Get, Webhooks(credentials), credentials.Token);

        await AssertXmlErrorAsync(response, HttpStatusCode.Unauthorized, "401001");
        Assert.Equal(HttpStatusCode.OK, stillValid.StatusCode);
    }
}
