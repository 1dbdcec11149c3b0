using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class WebhookValidationTests : SimulatorTest
{
    private async Task<HttpResponseMessage> CreateAsync(string body)
    {
        var admin = await SignInAsync();
        return await SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, body);
    }

    [Fact]
    public async Task Both_event_forms_naming_the_same_event_are_accepted()
    {
        using var response = await CreateAsync(CreateXml("both", ReceiverUrl("x"), "AdminPromoted", "webhook-event-user-promoted-admin"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("AdminPromoted", Host.State.Webhooks.Single().Event);
    }

    [Fact]
    public async Task Event_forms_that_disagree_are_400000()
    {
        using var response = await CreateAsync(CreateXml("mismatch", ReceiverUrl("x"), "WorkbookCreated", "webhook-source-event-workbook-deleted"));

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
        Assert.Empty(Host.State.Webhooks);
    }

    [Theory]
    [InlineData("WorkbookExploded", null)]
    [InlineData(null, "webhook-source-event-workbook-exploded")]
    [InlineData(null, "webhook-source-event-flow-completed")]
    public async Task Unknown_event_is_400000(string? eventName, string? source)
    {
        using var response = await CreateAsync(CreateXml("bad", ReceiverUrl("x"), eventName, source));

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Fact]
    public async Task Missing_event_is_400000()
    {
        using var response = await CreateAsync(CreateXml("no-event", ReceiverUrl("x")));

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Theory]
    [InlineData("http://example.com/hook")]
    [InlineData("/relative/hook")]
    [InlineData("ftp://example.com/hook")]
    public async Task Destination_must_be_absolute_https(string url)
    {
        using var response = await CreateAsync(CreateXml("insecure", url, "WorkbookCreated"));

        var error = await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
        Assert.Contains("https", error.Element(Ns + "detail")!.Value);
    }

    [Fact]
    public async Task Missing_destination_is_400000()
    {
        using var response = await CreateAsync("<tsRequest><webhook name=\"n\" event=\"WorkbookCreated\" /></tsRequest>");

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Theory]
    [InlineData("<tsRequest><webhook event=\"WorkbookCreated\"><webhook-destination><webhook-destination-http method=\"POST\" url=\"https://example.com/\" /></webhook-destination></webhook></tsRequest>")]
    [InlineData("<tsRequest><webhook name=\"  \" event=\"WorkbookCreated\"><webhook-destination><webhook-destination-http method=\"POST\" url=\"https://example.com/\" /></webhook-destination></webhook></tsRequest>")]
    public async Task Name_is_required_and_not_blank(string body)
    {
        using var response = await CreateAsync(body);

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Fact]
    public async Task Status_change_reason_is_refused_on_create()
    {
        using var response = await CreateAsync(CreateXml("r", ReceiverUrl("x"), "WorkbookCreated", extraAttributes: " isEnabled=\"false\" statusChangeReason=\"why\""));

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Fact]
    public async Task Create_disabled_records_the_user_reason()
    {
        using var response = await CreateAsync(CreateXml("off", ReceiverUrl("x"), "WorkbookCreated", extraAttributes: " isEnabled=\"false\""));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhook = (await XmlAsync(response)).Element(Ns + "webhook")!;
        Assert.Equal("false", webhook.Attribute("isEnabled")!.Value);
        Assert.Equal("Webhook disabled by user", webhook.Attribute("statusChangeReason")!.Value);
    }

    [Fact]
    public async Task Printed_label_deleted_typo_is_accepted_and_normalised()
    {
        using var response = await CreateAsync(CreateXml("label", ReceiverUrl("x"), sourceElement: "webhook-source-event-label-LabelDeleted"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhook = (await XmlAsync(response)).Element(Ns + "webhook")!;
        Assert.Equal("LabelDeleted", webhook.Attribute("event")!.Value);
        Assert.Equal("webhook-source-event-label-deleted", webhook.Element(Ns + "webhook-source")!.Elements().Single().Name.LocalName);
    }
}

public sealed class WebhookStatusTests : SimulatorTest
{
    private async Task<(Credentials Admin, string Id)> ArrangeAsync()
    {
        var admin = await SignInAsync();
        return (admin, await CreateWebhookAsync(admin));
    }

    private Task<HttpResponseMessage> UpdateAsync(Credentials admin, string id, string attributes) =>
        SendAsync(HttpMethod.Put, $"{Webhooks(admin)}/{id}", admin.Token, $"<tsRequest><webhook {attributes} /></tsRequest>");

    [Fact]
    public async Task Reason_with_isEnabled_true_is_400127()
    {
        var (admin, id) = await ArrangeAsync();

        using var response = await UpdateAsync(admin, id, "isEnabled=\"true\" statusChangeReason=\"because\"");

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400127");
    }

    [Fact]
    public async Task Reason_without_isEnabled_on_an_enabled_webhook_is_400127()
    {
        var (admin, id) = await ArrangeAsync();

        using var response = await UpdateAsync(admin, id, "statusChangeReason=\"because\"");

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400127");
        Assert.True(Host.State.Webhooks.Single().IsEnabled);
    }

    [Fact]
    public async Task Empty_reason_with_isEnabled_true_is_fine()
    {
        var (admin, id) = await ArrangeAsync();

        using var response = await UpdateAsync(admin, id, "isEnabled=\"true\" statusChangeReason=\"\"");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task Disable_without_reason_says_disabled_by_user_and_enable_clears_it()
    {
        var (admin, id) = await ArrangeAsync();

        using var disabled = await UpdateAsync(admin, id, "isEnabled=\"false\"");
        var afterDisable = (await XmlAsync(disabled)).Element(Ns + "webhook")!;
        using var enabled = await UpdateAsync(admin, id, "isEnabled=\"true\"");
        var afterEnable = (await XmlAsync(enabled)).Element(Ns + "webhook")!;

        Assert.Equal("false", afterDisable.Attribute("isEnabled")!.Value);
        Assert.Equal("Webhook disabled by user", afterDisable.Attribute("statusChangeReason")!.Value);
        Assert.Equal("true", afterEnable.Attribute("isEnabled")!.Value);
        Assert.Equal("", afterEnable.Attribute("statusChangeReason")!.Value);
    }

    [Fact]
    public async Task Disable_with_reason_keeps_the_reason()
    {
        var (admin, id) = await ArrangeAsync();

        using var response = await UpdateAsync(admin, id, "isEnabled=\"false\" statusChangeReason=\"Endpoint retired\"");

        Assert.Equal("Endpoint retired", (await XmlAsync(response)).Element(Ns + "webhook")!.Attribute("statusChangeReason")!.Value);
        Assert.Equal("Endpoint retired", Host.State.Webhooks.Single().StatusChangeReason);
    }

    [Fact]
    public async Task Invalid_boolean_is_400000()
    {
        var (admin, id) = await ArrangeAsync();

        using var response = await UpdateAsync(admin, id, "isEnabled=\"maybe\"");

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400000");
    }

    [Fact]
    public async Task Update_of_unknown_webhook_is_404050()
    {
        var admin = await SignInAsync();

        using var response = await UpdateAsync(admin, Guid.NewGuid().ToString(), "name=\"x\"");

        await AssertXmlErrorAsync(response, HttpStatusCode.NotFound, "404050");
    }
}
