using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>Drops are real aborted connections: the client sees an exception, never a response.</summary>
public sealed class FaultDropTests : SimulatorTest
{
    [Fact]
    public async Task Drop_after_acting_on_create_throws_yet_the_webhook_exists()
    {
        var admin = await SignInAsync(); // the connection is now pooled and will be reused
        Host.EnqueueFault(FaultKind.DropAfterActing, "POST", "/webhooks");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml("dropped", ReceiverUrl("d"), "WorkbookCreated")));

        var webhook = Assert.Single(Host.State.Webhooks);
        Assert.Equal("dropped", webhook.Name);
        var entry = Host.State.RequestLog.Last();
        Assert.Equal(0, entry.StatusCode);
        Assert.Equal("DropAfterActing", entry.Fault);
    }

    [Fact]
    public async Task Drop_before_acting_on_create_throws_and_nothing_is_created()
    {
        var admin = await SignInAsync();
        Host.EnqueueFault(FaultKind.DropBeforeActing, "post", "/WEBHOOKS");

        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml("dropped", ReceiverUrl("d"), "WorkbookCreated")));

        Assert.Empty(Host.State.Webhooks);
        var entry = Host.State.RequestLog.Last();
        Assert.Equal(0, entry.StatusCode);
        Assert.Equal("DropBeforeActing", entry.Fault);
        Assert.Equal(1, Host.State.FaultsInjected);
    }
}
