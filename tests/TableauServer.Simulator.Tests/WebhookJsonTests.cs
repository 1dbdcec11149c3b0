using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class WebhookJsonTests : SimulatorTest
{
    private string CreateJson(string name, string eventName, string? url = null) =>
        "{\"webhook\":{\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"" + (url ?? ReceiverUrl("json"))
        + "\"}},\"event\":\"" + eventName + "\",\"name\":\"" + name + "\"}}";

    private async Task<string> CreateAsync(Credentials admin, string name = "json-hook", string eventName = "WorkbookCreated")
    {
        using var response = await SendJsonAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateJson(name, eventName));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("webhook").GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Create_returns_json_webhook_with_boolean_isEnabled_and_both_event_forms()
    {
        var admin = await SignInAsync();

        using var response = await SendJsonAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateJson("j", "WorkbookRefreshSucceeded"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.NotNull(response.Headers.Location);
        var webhook = (await JsonAsync(response)).GetProperty("webhook");
        Assert.Equal(JsonValueKind.True, webhook.GetProperty("isEnabled").ValueKind);
        Assert.Equal("", webhook.GetProperty("statusChangeReason").GetString());
        Assert.Equal("WorkbookRefreshSucceeded", webhook.GetProperty("event").GetString());
        Assert.Equal(JsonValueKind.Object, webhook.GetProperty("webhook-source").GetProperty("webhook-source-event-workbook-refresh-succeeded").ValueKind);
        Assert.Equal("POST", webhook.GetProperty("webhook-destination").GetProperty("webhook-destination-http").GetProperty("method").GetString());
        Assert.Equal("admin", webhook.GetProperty("owner").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Create_accepts_the_legacy_json_source_form()
    {
        var admin = await SignInAsync();
        var body = "{\"webhook\":{\"webhook-source\":{\"webhook-source-event-workbook-deleted\":{}},\"webhook-destination\":{\"webhook-destination-http\":"
            + "{\"method\":\"POST\",\"url\":\"" + ReceiverUrl("legacy") + "\"}},\"name\":\"legacy\"}}";

        using var response = await SendJsonAsync(HttpMethod.Post, Webhooks(admin), admin.Token, body);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("WorkbookDeleted", (await JsonAsync(response)).GetProperty("webhook").GetProperty("event").GetString());
    }

    [Fact]
    public async Task List_is_an_array_even_for_one_webhook()
    {
        var admin = await SignInAsync();
        var id = await CreateAsync(admin);

        using var response = await SendJsonAsync(HttpMethod.Get, Webhooks(admin), admin.Token);

        var list = (await JsonAsync(response)).GetProperty("webhooks").GetProperty("webhook");
        Assert.Equal(JsonValueKind.Array, list.ValueKind);
        Assert.Equal(id, Assert.Single(list.EnumerateArray()).GetProperty("id").GetString());
    }

    [Fact]
    public async Task List_of_an_empty_site_is_an_empty_object()
    {
        var admin = await SignInAsync();

        using var response = await SendJsonAsync(HttpMethod.Get, Webhooks(admin), admin.Token);

        Assert.Equal("{\"webhooks\":{}}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Get_returns_json()
    {
        var admin = await SignInAsync();
        var id = await CreateAsync(admin, "g", "LabelCreated");

        using var response = await SendJsonAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}", admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("LabelCreated", (await JsonAsync(response)).GetProperty("webhook").GetProperty("event").GetString());
    }

    [Fact]
    public async Task Update_accepts_postman_string_booleans()
    {
        var admin = await SignInAsync();
        var id = await CreateAsync(admin);

        using var response = await SendJsonAsync(HttpMethod.Put, $"{Webhooks(admin)}/{id}", admin.Token,
            "{\"webhook\":{\"isEnabled\":\"false\",\"statusChangeReason\":\"\"}}");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var webhook = (await JsonAsync(response)).GetProperty("webhook");
        Assert.Equal(JsonValueKind.False, webhook.GetProperty("isEnabled").ValueKind);
        Assert.Equal("Webhook disabled by user", webhook.GetProperty("statusChangeReason").GetString());
    }

    [Fact]
    public async Task Update_accepts_json_booleans_and_a_reason()
    {
        var admin = await SignInAsync();
        var id = await CreateAsync(admin);

        using var response = await SendJsonAsync(HttpMethod.Put, $"{Webhooks(admin)}/{id}", admin.Token,
            "{\"webhook\":{\"isEnabled\":false,\"statusChangeReason\":\"maintenance\"}}");

        var webhook = (await JsonAsync(response)).GetProperty("webhook");
        Assert.False(webhook.GetProperty("isEnabled").GetBoolean());
        Assert.Equal("maintenance", webhook.GetProperty("statusChangeReason").GetString());
        Assert.Equal("json-hook", webhook.GetProperty("name").GetString());
    }

    [Fact]
    public async Task Delete_is_204()
    {
        var admin = await SignInAsync();
        var id = await CreateAsync(admin);

        using var response = await SendJsonAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{id}", admin.Token);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Empty(Host.State.Webhooks);
    }

    [Fact]
    public async Task Unknown_webhook_is_a_json_404050_error()
    {
        var admin = await SignInAsync();

        using var get = await SendJsonAsync(HttpMethod.Get, $"{Webhooks(admin)}/{Guid.NewGuid()}", admin.Token);
        using var delete = await SendJsonAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{Guid.NewGuid()}", admin.Token);

        var error = await AssertJsonErrorAsync(get, HttpStatusCode.NotFound, "404050");
        Assert.Equal("Resource Not Found", error.GetProperty("summary").GetString());
        await AssertJsonErrorAsync(delete, HttpStatusCode.NotFound, "404050");
    }

    [Fact]
    public async Task Test_result_in_json_has_numeric_status_and_string_body()
    {
        var admin = await SignInAsync();
        var id = await CreateAsync(admin);

        using var response = await SendJsonAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}/test", admin.Token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await JsonAsync(response)).GetProperty("webhookTestResult");
        Assert.Equal(id, result.GetProperty("id").GetString());
        Assert.Equal(200, result.GetProperty("status").GetInt32());
        Assert.Equal("ok", result.GetProperty("body").GetString());
        Assert.Single(Host.State.Deliveries);
    }

    [Fact]
    public async Task Unparseable_json_is_400000()
    {
        var admin = await SignInAsync();

        using var response = await SendJsonAsync(HttpMethod.Post, Webhooks(admin), admin.Token, "{\"webhook\":");

        await AssertJsonErrorAsync(response, HttpStatusCode.BadRequest, "400000");
        Assert.Empty(Host.State.Webhooks);
    }
}
