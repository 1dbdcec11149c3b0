using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class AuthorizationTests : SimulatorTest
{
    [Fact]
    public async Task Viewer_cannot_list_webhooks()
    {
        var viewer = await SignInAsync("viewer", "viewer");

        using var response = await SendAsync(HttpMethod.Get, Webhooks(viewer), viewer.Token);

        await AssertXmlErrorAsync(response, HttpStatusCode.Forbidden, "403000", "Forbidden");
    }

    [Fact]
    public async Task Viewer_cannot_create_webhooks()
    {
        var viewer = await SignInAsync("viewer", "viewer");

        using var response = await SendJsonAsync(HttpMethod.Post, Webhooks(viewer), viewer.Token,
            "{\"webhook\":{\"name\":\"x\",\"event\":\"WorkbookCreated\",\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"https://example.com/\"}}}}");

        await AssertJsonErrorAsync(response, HttpStatusCode.Forbidden, "403000");
        Assert.Empty(Host.State.Webhooks);
    }

    [Fact]
    public async Task Site_administrator_can_manage_webhooks_on_their_site()
    {
        var siteAdmin = await SignInAsync("siteadmin", "siteadmin", "finance");

        var id = await CreateWebhookAsync(siteAdmin);

        var stored = Assert.Single(Host.State.WebhooksForSite("finance"));
        Assert.Equal(id, stored.Id);
        Assert.Equal("siteadmin", stored.OwnerName);
    }

    [Fact]
    public async Task Token_for_another_site_is_403()
    {
        var onDefault = await SignInAsync();
        var financeId = (await SignInAsync(site: "finance")).SiteId;

        using var response = await SendAsync(HttpMethod.Get, $"api/{V}/sites/{financeId}/webhooks", onDefault.Token);

        await AssertXmlErrorAsync(response, HttpStatusCode.Forbidden, "403000");
    }

    [Fact]
    public async Task Unknown_site_id_is_404000()
    {
        var credentials = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Get, $"api/{V}/sites/00000000-0000-0000-0000-000000000000/webhooks", credentials.Token);

        await AssertXmlErrorAsync(response, HttpStatusCode.NotFound, "404000");
    }

    [Fact]
    public async Task Anyone_can_query_themself()
    {
        var viewer = await SignInAsync("viewer", "viewer");

        using var response = await SendAsync(HttpMethod.Get, $"api/{V}/sites/{viewer.SiteId}/users/{viewer.UserId}", viewer.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var user = (await XmlAsync(response)).Element(Ns + "user")!;
        Assert.Equal("viewer", user.Attribute("name")!.Value);
        Assert.Equal("Viewer", user.Attribute("siteRole")!.Value);
    }

    [Fact]
    public async Task Viewer_cannot_query_another_user_but_admin_can()
    {
        var viewer = await SignInAsync("viewer", "viewer");
        var admin = await SignInAsync();

        using var denied = await SendAsync(HttpMethod.Get, $"api/{V}/sites/{viewer.SiteId}/users/{admin.UserId}", viewer.Token);
        using var allowed = await SendJsonAsync(HttpMethod.Get, $"api/{V}/sites/{admin.SiteId}/users/{viewer.UserId}", admin.Token);

        await AssertXmlErrorAsync(denied, HttpStatusCode.Forbidden, "403000");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        Assert.Equal("viewer", (await JsonAsync(allowed)).GetProperty("user").GetProperty("name").GetString());
    }
}
