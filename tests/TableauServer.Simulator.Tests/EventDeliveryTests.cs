using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class EventDeliveryTests : SimulatorTest
{
    protected override void Configure(SimulatorOptions options) => options.DeliveryRetryDelay = TimeSpan.FromMilliseconds(20);

    [Fact]
    public async Task Event_is_delivered_with_tableaus_payload_to_matching_enabled_webhooks_only()
    {
        var finance = await SignInAsync(site: "finance");
        var target = await CreateWebhookAsync(finance, "target", "DatasourceRefreshFailed", ReceiverUrl("target"));
        await CreateWebhookAsync(finance, "other-event", "DatasourceRefreshSucceeded", ReceiverUrl("other-event"));
        var disabled = await CreateWebhookAsync(finance, "disabled", "DatasourceRefreshFailed", ReceiverUrl("disabled"));
        using (await SendAsync(HttpMethod.Put, $"{Webhooks(finance)}/{disabled}", finance.Token, "<tsRequest><webhook isEnabled=\"false\" /></tsRequest>"))
        {
        }

        var defaultSite = await SignInAsync();
        await CreateWebhookAsync(defaultSite, "other-site", "DatasourceRefreshFailed", ReceiverUrl("other-site"));

        var summary = await FireEventAsync("{\"site\":\"finance\",\"event\":\"DatasourceRefreshFailed\",\"resourceName\":\"Sales\",\"resourceId\":\"ds-42\"}");

        var delivery = Assert.Single(Host.State.Deliveries);
        Assert.Equal("/hooks/target", delivery.Path);
        Assert.Equal("TableauWebhooks/1.0", delivery.Headers["User-Agent"]);
        using var payload = JsonDocument.Parse(delivery.Body);
        var root = payload.RootElement;
        Assert.Equal("EXTRACTS", root.GetProperty("resource").GetString());
        Assert.Equal("DatasourceRefreshFailed", root.GetProperty("event_type").GetString());
        Assert.Equal("Sales", root.GetProperty("resource_name").GetString());
        Assert.Equal(finance.SiteId, root.GetProperty("site_luid").GetString());
        Assert.Equal("ds-42", root.GetProperty("resource_luid").GetString());
        Assert.Matches(new Regex(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$"), root.GetProperty("created_at").GetString());
        Assert.Equal(6, root.EnumerateObject().Count());
        var result = Assert.Single(summary.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(target, result.GetProperty("webhookId").GetString());
        Assert.True(result.GetProperty("delivered").GetBoolean());
        Assert.Equal(1, result.GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Failing_destination_gets_three_retries_then_the_webhook_is_disabled()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin, "flaky", "WorkbookCreated", ReceiverUrl("status/500/flaky"));

        var summary = await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookCreated\",\"resourceName\":\"Book\"}");

        Assert.Equal(4, Host.State.Deliveries.Count);
        Assert.All(Host.State.Deliveries, d => Assert.Equal(500, d.ResponseStatus));
        var result = Assert.Single(summary.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(4, result.GetProperty("attempts").GetInt32());
        Assert.False(result.GetProperty("delivered").GetBoolean());
        Assert.True(result.GetProperty("disabled").GetBoolean());

        using var get = await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}", admin.Token);
        var webhook = (await XmlAsync(get)).Element(Ns + "webhook")!;
        Assert.Equal("false", webhook.Attribute("isEnabled")!.Value);
        Assert.Equal(Host.Options.AutoDisableReason, webhook.Attribute("statusChangeReason")!.Value);

        await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookCreated\"}");
        Assert.Equal(4, Host.State.Deliveries.Count); // a disabled webhook gets nothing more
    }

    [Fact]
    public async Task A_destination_that_recovers_on_a_retry_gets_the_event_and_its_webhook_stays_enabled()
    {
        // Tableau disables a webhook only when every attempt failed; one that succeeds on a retry stays as it was.
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin, "recovers", "WorkbookCreated", ReceiverUrl("flaky/2/recovers"));

        var summary = await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookCreated\",\"resourceName\":\"Book\"}");

        var result = Assert.Single(summary.GetProperty("deliveries").EnumerateArray());
        Assert.True(result.GetProperty("delivered").GetBoolean());
        Assert.False(result.GetProperty("disabled").GetBoolean());
        Assert.Equal(new int?[] { 500, 500, 200 }, result.GetProperty("statuses").EnumerateArray().Select(s => (int?)s.GetInt32()));
        Assert.Equal(new[] { 500, 500, 200 }, Host.State.Deliveries.Where(d => d.Path == "/hooks/flaky/2/recovers").Select(d => d.ResponseStatus));

        using var get = await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}", admin.Token);
        var webhook = (await XmlAsync(get)).Element(Ns + "webhook")!;
        Assert.Equal("true", webhook.Attribute("isEnabled")!.Value);
        Assert.Equal("", webhook.Attribute("statusChangeReason")?.Value ?? "");

        // The destination has recovered: the next event needs one attempt.
        var next = Assert.Single((await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookCreated\"}")).GetProperty("deliveries").EnumerateArray());
        Assert.Equal(1, next.GetProperty("attempts").GetInt32());
        Assert.Equal(4, Host.State.Deliveries.Count);
    }

    [Fact]
    public async Task A_flaky_destination_counts_per_path_and_fails_again_after_a_reset()
    {
        var admin = await SignInAsync();
        await CreateWebhookAsync(admin, "one", "WorkbookCreated", ReceiverUrl("flaky/1/one"));
        await CreateWebhookAsync(admin, "other", "WorkbookCreated", ReceiverUrl("flaky/1/other"));

        var first = await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookCreated\"}");
        Host.State.Reset();
        admin = await SignInAsync();
        await CreateWebhookAsync(admin, "one", "WorkbookCreated", ReceiverUrl("flaky/1/one"));
        var afterReset = await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookCreated\"}");

        Assert.All(first.GetProperty("deliveries").EnumerateArray(), d => Assert.Equal(2, d.GetProperty("attempts").GetInt32()));
        Assert.Equal(2, Assert.Single(afterReset.GetProperty("deliveries").EnumerateArray()).GetProperty("attempts").GetInt32());
        Assert.Equal(new[] { 500, 200 }, Host.State.Deliveries.Select(d => d.ResponseStatus));
    }

    [Fact]
    public async Task Unreachable_destination_is_retried_and_disabled_too()
    {
        var admin = await SignInAsync();
        await CreateWebhookAsync(admin, "gone", "ViewDeleted", $"https://127.0.0.1:{Ports.Closed()}/hook");

        var summary = await FireEventAsync("{\"site\":\"\",\"event\":\"webhook-source-event-view-deleted\"}");

        var result = Assert.Single(summary.GetProperty("deliveries").EnumerateArray());
        Assert.Equal(4, result.GetProperty("attempts").GetInt32());
        Assert.True(result.GetProperty("disabled").GetBoolean());
        Assert.False(Host.State.Webhooks.Single().IsEnabled);
    }

    [Fact]
    public async Task Unknown_event_or_site_is_a_400()
    {
        using var badEvent = await Http.PostAsync("_simulator/events", new StringContent("{\"site\":\"\",\"event\":\"Nope\"}", Encoding.UTF8, "application/json"));
        using var badSite = await Http.PostAsync("_simulator/events", new StringContent("{\"site\":\"nope\",\"event\":\"WorkbookCreated\"}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, badEvent.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badSite.StatusCode);
    }
}
