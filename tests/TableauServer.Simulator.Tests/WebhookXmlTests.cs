using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class WebhookXmlTests : SimulatorTest
{
    [Fact]
    public async Task Create_returns_201_location_and_the_webhook_with_both_event_forms_and_owner()
    {
        var admin = await SignInAsync(site: "finance");
        var url = ReceiverUrl("sales");

        using var response = await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml("Sales refresh failed", url, "DatasourceRefreshFailed"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhook = (await XmlAsync(response)).Element(Ns + "webhook")!;
        var id = webhook.Attribute("id")!.Value;
        Assert.True(Guid.TryParse(id, out _));
        Assert.Equal($"/api/{V}/sites/{admin.SiteId}/webhooks/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal("Sales refresh failed", webhook.Attribute("name")!.Value);
        Assert.Equal("DatasourceRefreshFailed", webhook.Attribute("event")!.Value);
        Assert.Equal("true", webhook.Attribute("isEnabled")!.Value);
        Assert.Equal("", webhook.Attribute("statusChangeReason")!.Value);
        Assert.NotNull(webhook.Attribute("createdAt"));
        Assert.NotNull(webhook.Attribute("updatedAt"));
        Assert.Equal("webhook-source-event-datasource-refresh-failed", webhook.Element(Ns + "webhook-source")!.Elements().Single().Name.LocalName);
        var destination = webhook.Element(Ns + "webhook-destination")!.Element(Ns + "webhook-destination-http")!;
        Assert.Equal("POST", destination.Attribute("method")!.Value);
        Assert.Equal(url, destination.Attribute("url")!.Value);
        var owner = webhook.Element(Ns + "owner")!;
        Assert.Equal(admin.UserId, owner.Attribute("id")!.Value);
        Assert.Equal("admin", owner.Attribute("name")!.Value);
    }

    [Fact]
    public async Task Create_with_the_legacy_source_element_only_also_reports_the_event_name()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token,
            CreateXml("tsc", ReceiverUrl("tsc"), sourceElement: "webhook-source-event-datasource-created"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("DatasourceCreated", (await XmlAsync(response)).Element(Ns + "webhook")!.Attribute("event")!.Value);
    }

    [Fact]
    public async Task Create_tolerates_a_trailing_slash_on_the_collection()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Post, Webhooks(admin) + "/", admin.Token, CreateXml("slash", ReceiverUrl("slash"), "WorkbookDeleted"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task List_returns_the_site_webhooks_without_pagination()
    {
        var admin = await SignInAsync();
        var first = await CreateWebhookAsync(admin, "one");
        var second = await CreateWebhookAsync(admin, "two", "ViewDeleted");
        var finance = await SignInAsync(site: "finance");
        await CreateWebhookAsync(finance, "elsewhere");

        using var response = await SendAsync(HttpMethod.Get, Webhooks(admin), admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = await XmlAsync(response);
        Assert.Null(root.Element(Ns + "pagination"));
        var ids = root.Element(Ns + "webhooks")!.Elements(Ns + "webhook").Select(w => w.Attribute("id")!.Value).ToList();
        Assert.Equal(new[] { first, second }, ids);
    }

    [Fact]
    public async Task List_of_an_empty_site_is_an_empty_webhooks_element()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Get, Webhooks(admin), admin.Token);

        var webhooks = (await XmlAsync(response)).Element(Ns + "webhooks");
        Assert.NotNull(webhooks);
        Assert.Empty(webhooks!.Elements());
    }

    [Fact]
    public async Task Get_returns_one_webhook()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin, "get-me", "SiteUpdated");

        using var response = await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}", admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var webhook = (await XmlAsync(response)).Element(Ns + "webhook")!;
        Assert.Equal(id, webhook.Attribute("id")!.Value);
        Assert.Equal("SiteUpdated", webhook.Attribute("event")!.Value);
    }

    [Fact]
    public async Task Update_is_201_and_partial()
    {
        var admin = await SignInAsync();
        var url = ReceiverUrl("keep");
        var id = await CreateWebhookAsync(admin, "before", "WorkbookUpdated", url);

        using var response = await SendAsync(HttpMethod.Put, $"{Webhooks(admin)}/{id}", admin.Token, "<tsRequest><webhook name=\"after\" /></tsRequest>");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhook = (await XmlAsync(response)).Element(Ns + "webhook")!;
        Assert.Equal("after", webhook.Attribute("name")!.Value);
        Assert.Equal("WorkbookUpdated", webhook.Attribute("event")!.Value);
        Assert.Equal(url, webhook.Descendants(Ns + "webhook-destination-http").Single().Attribute("url")!.Value);
        Assert.Equal("true", webhook.Attribute("isEnabled")!.Value);
        Assert.Equal("after", Host.State.Webhooks.Single().Name);
    }

    [Fact]
    public async Task Update_can_change_event_and_url()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin);
        var url = ReceiverUrl("moved");

        using var response = await SendAsync(HttpMethod.Put, $"{Webhooks(admin)}/{id}", admin.Token,
            CreateXml("renamed", url, sourceElement: "webhook-event-user-demoted-admin"));

        var webhook = (await XmlAsync(response)).Element(Ns + "webhook")!;
        Assert.Equal("AdminDemoted", webhook.Attribute("event")!.Value);
        Assert.Equal("webhook-event-user-demoted-admin", webhook.Element(Ns + "webhook-source")!.Elements().Single().Name.LocalName);
        Assert.Equal(url, Host.State.Webhooks.Single().Url);
    }

    [Fact]
    public async Task Delete_is_204_without_body_and_the_webhook_is_gone()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin);

        using var response = await SendAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{id}", admin.Token);
        using var after = await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}", admin.Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Empty(Host.State.Webhooks);
        await AssertXmlErrorAsync(after, HttpStatusCode.NotFound, "404050");
    }

    [Fact]
    public async Task Unknown_webhook_get_and_delete_are_404050()
    {
        var admin = await SignInAsync();
        var missing = Guid.NewGuid().ToString();

        using var get = await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{missing}", admin.Token);
        using var delete = await SendAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{missing}", admin.Token);

        var error = await AssertXmlErrorAsync(get, HttpStatusCode.NotFound, "404050", "Resource Not Found");
        Assert.Contains(missing, error.Element(Ns + "detail")!.Value);
        await AssertXmlErrorAsync(delete, HttpStatusCode.NotFound, "404050");
    }
}

public sealed class UpdateStatusCodeOptionTests : SimulatorTest
{
    protected override void Configure(SimulatorOptions options) => options.UpdateWebhookStatusCode = 200;

    [Fact]
    public async Task Update_status_code_is_configurable()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin);

        using var response = await SendAsync(HttpMethod.Put, $"{Webhooks(admin)}/{id}", admin.Token, "<tsRequest><webhook name=\"x\" /></tsRequest>");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
