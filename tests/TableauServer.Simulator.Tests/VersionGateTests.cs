using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>A Tableau Server 2019.4 (REST API 3.6): webhooks exist, Update and the event attribute do not.</summary>
public sealed class Server2019_4Tests : SimulatorTest
{
    protected override void Configure(SimulatorOptions options) => options.ProductVersion = "2019.4";

    [Fact]
    public async Task Update_is_an_unknown_resource()
    {
        var admin = await SignInAsync();
        var id = await CreateLegacyAsync(admin);

        using var response = await SendAsync(HttpMethod.Put, $"{Webhooks(admin)}/{id}", admin.Token, "<tsRequest><webhook name=\"x\" /></tsRequest>");

        var error = await AssertXmlErrorAsync(response, HttpStatusCode.NotFound, "404003");
        Assert.Equal($"Unknown resource '/3.6/sites/{admin.SiteId}/webhooks/{id}' specified in URI.", error.Element(Ns + "detail")!.Value);
    }

    [Fact]
    public async Task Event_attribute_is_refused()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml("new-style", ReceiverUrl("x"), "WorkbookCreated"));

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Fact]
    public async Task IsEnabled_on_create_is_refused()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token,
            CreateXml("flag", ReceiverUrl("x"), sourceElement: "webhook-source-event-workbook-created", extraAttributes: " isEnabled=\"true\""));

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Fact]
    public async Task Legacy_create_works_and_the_response_has_no_newer_attributes()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token,
            CreateXml("old", ReceiverUrl("x"), sourceElement: "webhook-source-event-workbook-created"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhook = (await XmlAsync(response)).Element(Ns + "webhook")!;
        Assert.Null(webhook.Attribute("event"));
        Assert.Null(webhook.Attribute("isEnabled"));
        Assert.Null(webhook.Attribute("statusChangeReason"));
        Assert.Equal("webhook-source-event-workbook-created", webhook.Element(Ns + "webhook-source")!.Elements().Single().Name.LocalName);
        Assert.NotNull(webhook.Element(Ns + "owner"));
    }

    [Fact]
    public async Task Versions_above_the_server_are_unknown_resources()
    {
        using var response = await SendAsync(HttpMethod.Get, "api/3.7/serverinfo");

        await AssertXmlErrorAsync(response, HttpStatusCode.NotFound, "404003");
    }

    private async Task<string> CreateLegacyAsync(Credentials admin)
    {
        using var response = await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token,
            CreateXml("legacy", ReceiverUrl("x"), sourceElement: "webhook-source-event-workbook-created"));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await XmlAsync(response)).Element(Ns + "webhook")!.Attribute("id")!.Value;
    }
}

/// <summary>Tableau Server 2020.4 (REST API 3.10): admin events arrived in 3.11.</summary>
public sealed class Server2020_4Tests : SimulatorTest
{
    protected override void Configure(SimulatorOptions options) => options.ProductVersion = "2020.4";

    [Fact]
    public async Task Admin_events_are_refused()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml("admin", ReceiverUrl("x"), "AdminPromoted"));

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }
}

public sealed class MethodMinimumVersionTests : SimulatorTest
{
    [Fact]
    public async Task Update_below_3_8_in_the_uri_is_an_unknown_resource_even_on_a_new_server()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin);

        using var old = await SendAsync(HttpMethod.Put, $"{Webhooks(admin, "3.7")}/{id}", admin.Token, "<tsRequest><webhook name=\"x\" /></tsRequest>");
        using var listOld = await SendAsync(HttpMethod.Get, Webhooks(admin, "3.5"), admin.Token);
        using var list36 = await SendAsync(HttpMethod.Get, Webhooks(admin, "3.6"), admin.Token);

        await AssertXmlErrorAsync(old, HttpStatusCode.NotFound, "404003");
        await AssertXmlErrorAsync(listOld, HttpStatusCode.NotFound, "404003");
        Assert.Equal(HttpStatusCode.OK, list36.StatusCode);
    }
}
