using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class ControlApiTests : SimulatorTest
{
    [Fact]
    public async Task Receiver_endpoint_reports_the_https_receiver()
    {
        using var response = await Http.GetAsync("_simulator/receiver");

        var url = (await JsonAsync(response)).GetProperty("receiverBaseUrl").GetString();
        Assert.Equal(Host.ReceiverBaseUrl.ToString(), url);
        Assert.StartsWith("https://127.0.0.1:", url);
        Assert.EndsWith("/hooks/", url);
    }

    [Fact]
    public async Task Request_log_records_calls_without_secrets()
    {
        var admin = await SignInAsync();
        using (await SendAsync(HttpMethod.Get, Webhooks(admin), admin.Token))
        {
        }

        using var response = await Http.GetAsync("_simulator/requests");
        var text = await response.Content.ReadAsStringAsync();
        var entries = (await JsonAsync(response)).EnumerateArray().ToList();

        Assert.Equal(2, entries.Count);
        Assert.Equal("/api/" + V + "/auth/signin", entries[0].GetProperty("path").GetString());
        Assert.False(entries[0].GetProperty("hadAuthToken").GetBoolean());
        Assert.Equal(200, entries[1].GetProperty("statusCode").GetInt32());
        Assert.True(entries[1].GetProperty("hadAuthToken").GetBoolean());
        Assert.DoesNotContain(admin.Token, text);
        Assert.DoesNotContain("\"admin\"", text);
    }

    [Fact]
    public async Task Deliveries_endpoint_lists_what_the_receiver_got()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin);
        using (await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}/test", admin.Token))
        {
        }

        using var response = await Http.GetAsync("_simulator/deliveries");

        var delivery = Assert.Single((await JsonAsync(response)).EnumerateArray());
        Assert.Equal("/hooks/created", delivery.GetProperty("path").GetString());
        Assert.Equal("{}", delivery.GetProperty("body").GetString());
    }

    [Fact]
    public async Task State_can_wait_for_a_delivery()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin, url: ReceiverUrl("awaited"));
        var testing = SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}/test", admin.Token);

        var delivery = await Host.State.WaitForDeliveryAsync(d => d.Path == "/hooks/awaited", System.TimeSpan.FromSeconds(5));

        Assert.Equal("{}", delivery.Body);
        (await testing).Dispose();
        await Assert.ThrowsAsync<System.TimeoutException>(() => Host.State.WaitForDeliveryAsync(d => d.Path == "/never", System.TimeSpan.FromMilliseconds(100)));
    }

    [Fact]
    public async Task Reset_returns_to_the_seed()
    {
        var admin = await SignInAsync();
        await CreateWebhookAsync(admin);

        using var reset = await Http.PostAsync("_simulator/reset", null);
        using var after = await SendAsync(HttpMethod.Get, Webhooks(admin), admin.Token);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Empty(Host.State.Webhooks);
        await AssertXmlErrorAsync(after, HttpStatusCode.Unauthorized, "401002");
        var again = await SignInAsync();
        Assert.Equal(admin.UserId, again.UserId);
    }
}
