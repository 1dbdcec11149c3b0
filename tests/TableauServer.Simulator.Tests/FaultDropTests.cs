using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>
/// Drops are real aborted connections: the client sees an exception, never a response. The request log already holds
/// a dropped request when the client sees its error, so these tests read it at once.
/// </summary>
public sealed class FaultDropTests : SimulatorTest
{
    [Fact]
    public async Task Drop_after_acting_on_create_throws_yet_the_webhook_exists()
    {
        var admin = await SignInAsync(); // the connection is now pooled and reused, as in a real client
        Host.EnqueueFault(FaultKind.DropAfterActing, "POST", "/webhooks");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml("dropped", ReceiverUrl("d"), "WorkbookCreated")));

        var entry = Host.State.RequestLog[1];
        Assert.Equal("dropped", Assert.Single(Host.State.Webhooks).Name);
        Assert.Equal((0, "DropAfterActing"), (entry.StatusCode, entry.Fault));
    }

    [Fact]
    public async Task Drop_before_acting_on_create_throws_and_nothing_is_created()
    {
        var admin = await SignInAsync();
        Host.EnqueueFault(FaultKind.DropBeforeActing, "post", "/WEBHOOKS"); // both filters are case-insensitive

        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml("dropped", ReceiverUrl("d"), "WorkbookCreated")));

        var entry = Host.State.RequestLog[1];
        Assert.Empty(Host.State.Webhooks);
        Assert.Equal((0, "DropBeforeActing"), (entry.StatusCode, entry.Fault));
        Assert.Equal(1, Host.State.FaultsInjected);
    }

    [Fact]
    public async Task Drop_after_acting_on_delete_throws_yet_the_webhook_is_gone()
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin);
        Host.EnqueueFault(FaultKind.DropAfterActing, "DELETE");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() => SendAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{id}", admin.Token));

        Assert.Equal((0, "DropAfterActing"), (Host.State.RequestLog[2].StatusCode, Host.State.RequestLog[2].Fault));
        Assert.Empty(Host.State.Webhooks);
    }

    [Fact]
    public async Task Close_after_acting_loses_the_answer_with_a_clean_close_on_the_reused_connection()
    {
        var admin = await SignInAsync(); // the connection is now pooled and reused, as in a real client
        var id = await CreateWebhookAsync(admin);
        Host.EnqueueFault(FaultKind.CloseAfterActing, "DELETE");

        // With a body (even empty) .NET's handler cannot send the request again: the lost answer reaches the caller.
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => SendAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{id}", admin.Token, body: ""));

        var entry = Host.State.RequestLog[2];
        Assert.Empty(Host.State.Webhooks);
        Assert.Equal((0, "CloseAfterActing"), (entry.StatusCode, entry.Fault));
    }

    [Fact]
    public async Task Close_after_acting_is_a_clean_close_that_dotnet_answers_by_sending_a_bodiless_request_again()
    {
        // What a proxy's clean close does to a client that is not careful: the handler re-sends the DELETE on a new
        // connection by itself and the caller sees only the second answer. DropAfterActing (a reset) does not do this.
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin);
        Host.EnqueueFault(FaultKind.CloseAfterActing, "DELETE");

        using var response = await SendAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{id}", admin.Token);

        Assert.Equal(System.Net.HttpStatusCode.NotFound, response.StatusCode);
        // The closed DELETE is logged before its connection closes, so before the handler can send it again.
        Assert.Equal(new[] { ("DELETE", 0, "CloseAfterActing"), ("DELETE", 404, "") },
            Host.State.RequestLog.Skip(2).Select(e => (e.Method, e.StatusCode, e.Fault ?? "")));
    }

    [Fact]
    public async Task A_queued_fault_waits_for_a_matching_request_and_is_used_once()
    {
        var admin = await SignInAsync();
        Host.EnqueueFault(FaultKind.DropBeforeActing, "DELETE", "/webhooks");

        using (var list = await SendAsync(HttpMethod.Get, Webhooks(admin), admin.Token))
        {
            Assert.True(list.IsSuccessStatusCode); // GET does not match the queued DELETE
        }

        var id = await CreateWebhookAsync(admin);
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => SendAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{id}", admin.Token));
        using var retried = await SendAsync(HttpMethod.Delete, $"{Webhooks(admin)}/{id}", admin.Token);

        Assert.Equal(System.Net.HttpStatusCode.NoContent, retried.StatusCode);
        Assert.Empty(Host.State.Webhooks);
        Assert.Equal("DropBeforeActing", Assert.Single(Host.State.RequestLog, e => e.Fault is not null).Fault);
    }

    [Fact]
    public async Task Queued_faults_are_consumed_in_order()
    {
        Host.EnqueueFault(FaultKind.Throttle);
        Host.EnqueueFault(FaultKind.BadGateway);

        using var first = await Http.GetAsync($"api/{V}/serverinfo");
        using var second = await Http.GetAsync($"api/{V}/serverinfo");
        using var third = await Http.GetAsync($"api/{V}/serverinfo");

        Assert.Equal(new[] { 429, 502, 200 }, new[] { first, second, third }.Select(r => (int)r.StatusCode));
        Assert.Throws<ArgumentOutOfRangeException>(() => Host.EnqueueFault((FaultKind)99));
    }
}
