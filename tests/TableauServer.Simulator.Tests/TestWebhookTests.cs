using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

public sealed class TestWebhookTests : SimulatorTest
{
    protected override void Configure(SimulatorOptions options) => options.DeliveryReadTimeout = TimeSpan.FromMilliseconds(1500);

    private async Task<(string Id, System.Xml.Linq.XElement Result)> TestAsync(string url)
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin, url: url);
        using var response = await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}/test", admin.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (id, (await XmlAsync(response)).Element(Ns + "webhookTestResult")!);
    }

    [Fact]
    public async Task Test_really_posts_to_the_destination_and_reports_its_answer()
    {
        var (id, result) = await TestAsync(ReceiverUrl("test-1"));

        Assert.Equal(id, result.Attribute("id")!.Value);
        Assert.Equal("200", result.Attribute("status")!.Value);
        Assert.Equal("ok", result.Element(Ns + "body")!.Value);
        var delivery = Assert.Single(Host.State.Deliveries);
        Assert.Equal("POST", delivery.Method);
        Assert.Equal("/hooks/test-1", delivery.Path);
        Assert.Equal("TableauWebhooks/1.0", delivery.Headers["User-Agent"]);
        Assert.Equal("application/json", delivery.Headers["Content-Type"]);
        Assert.Equal("{}", delivery.Body);
    }

    [Fact]
    public async Task Failing_destination_status_and_body_are_reported_inside_a_200()
    {
        var (_, result) = await TestAsync(ReceiverUrl("status/503/down"));

        Assert.Equal("503", result.Attribute("status")!.Value);
        Assert.Equal("simulated failure 503", result.Element(Ns + "body")!.Value);
        Assert.Equal(503, Assert.Single(Host.State.Deliveries).ResponseStatus);
    }

    [Fact]
    public async Task Unreachable_destination_is_408_unable_to_connect()
    {
        var (_, result) = await TestAsync($"https://127.0.0.1:{Ports.Closed()}/hook");

        Assert.Equal("408", result.Attribute("status")!.Value);
        Assert.StartsWith("unable to connect to the url: ", result.Element(Ns + "body")!.Value);
    }

    [Fact]
    public async Task Slow_destination_hits_the_read_timeout_and_is_408()
    {
        var (_, result) = await TestAsync(ReceiverUrl("delay/5000/slow"));

        Assert.Equal("408", result.Attribute("status")!.Value);
        Assert.Equal("unable to connect to the url: Read timed out", result.Element(Ns + "body")!.Value);
    }

    [Fact]
    public async Task Only_the_receivers_own_certificate_is_trusted()
    {
        // Another self-signed https server: the simulator validates certificates normally, so the handshake fails.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        var otherCertificate = TableauServer.Simulator.Hosting.ReceiverCertificate.Create();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.UseHttps(otherCertificate)));
        await using var stranger = builder.Build();
        stranger.MapPost("/{**rest}", () => Results.Text("should not be reached"));
        await stranger.StartAsync();
        var port = new Uri(stranger.Urls.First()).Port;

        var (_, result) = await TestAsync($"https://127.0.0.1:{port}/hook");

        Assert.NotEqual(0, port);
        Assert.Equal("408", result.Attribute("status")!.Value);
        Assert.StartsWith("unable to connect to the url: ", result.Element(Ns + "body")!.Value);
        Assert.Contains("SSL", result.Element(Ns + "body")!.Value);
    }

    [Fact]
    public async Task Testing_an_unknown_webhook_is_400113()
    {
        var admin = await SignInAsync();

        using var response = await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{Guid.NewGuid()}/test", admin.Token);

        await AssertXmlErrorAsync(response, HttpStatusCode.BadRequest, "400113");
        Assert.Empty(Host.State.Deliveries);
    }
}
