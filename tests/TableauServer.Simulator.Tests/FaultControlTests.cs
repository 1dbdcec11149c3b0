using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>Faults configured at startup and over the control API; reset brings the startup configuration back.</summary>
public sealed class FaultControlTests : SimulatorTest
{
    protected override void Configure(SimulatorOptions options)
    {
        // Startup configuration: every 100th authenticated request expires; otherwise quiet.
        options.Faults.ExpireTokenEveryRequests = 100;
        options.Faults.RetryAfterSeconds = 9;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    [Fact]
    public async Task Get_returns_the_startup_configuration_with_kinds_as_names()
    {
        using var response = await Http.GetAsync("_simulator/faults");

        var faults = await JsonAsync(response);
        Assert.Equal(100, faults.GetProperty("expireTokenEveryRequests").GetInt32());
        Assert.Equal(9, faults.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal(0, faults.GetProperty("faultRate").GetDouble());
        Assert.Contains("Throttle", faults.GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
    }

    [Fact]
    public async Task Put_sets_faults_and_delete_clears_them()
    {
        using var put = await Http.PutAsync("_simulator/faults",
            Json("{\"faultRate\":1,\"kinds\":[\"Throttle\"],\"retryAfterSeconds\":5,\"seed\":3}"));
        using var faulted = await Http.GetAsync($"api/{V}/serverinfo");
        using var delete = await Http.DeleteAsync("_simulator/faults");
        using var healthy = await Http.GetAsync($"api/{V}/serverinfo");

        Assert.Equal(HttpStatusCode.OK, put.StatusCode);
        Assert.Equal(new[] { "Throttle" }, (await JsonAsync(put)).GetProperty("kinds").EnumerateArray().Select(k => k.GetString()));
        Assert.Equal((HttpStatusCode)429, faulted.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(5), faulted.Headers.RetryAfter?.Delta);
        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Equal(HttpStatusCode.OK, healthy.StatusCode);
        Assert.Equal(1, Host.State.FaultsInjected); // one fault, then none
    }

    [Fact]
    public async Task Put_rejects_invalid_configuration()
    {
        using var rate = await Http.PutAsync("_simulator/faults", Json("{\"faultRate\":2}"));
        using var kind = await Http.PutAsync("_simulator/faults", Json("{\"kinds\":[\"Meteor\"]}"));
        using var garbage = await Http.PutAsync("_simulator/faults", Json("not json"));

        Assert.Equal(new[] { HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.BadRequest },
            new[] { rate.StatusCode, kind.StatusCode, garbage.StatusCode });
        Assert.Throws<ArgumentException>(() => Host.SetFaults(new FaultOptions { FaultRate = -0.1 }));
    }

    [Fact]
    public async Task Enqueue_over_http_drops_the_matching_request_after_acting()
    {
        var admin = await SignInAsync();

        using var enqueued = await Http.PostAsync("_simulator/faults/enqueue",
            Json("{\"kind\":\"DropAfterActing\",\"method\":\"POST\",\"pathContains\":\"/webhooks\"}"));
        await Assert.ThrowsAnyAsync<HttpRequestException>(() =>
            SendAsync(HttpMethod.Post, Webhooks(admin), admin.Token, CreateXml("dropped", ReceiverUrl("d"), "WorkbookCreated")));

        Assert.Equal(1, (await JsonAsync(enqueued)).GetProperty("queued").GetInt32());
        Assert.Single(Host.State.Webhooks);
        Assert.Equal((0, "DropAfterActing"), (Host.State.RequestLog[1].StatusCode, Host.State.RequestLog[1].Fault));
    }

    [Fact]
    public async Task Enqueue_rejects_a_missing_or_unknown_kind()
    {
        using var missing = await Http.PostAsync("_simulator/faults/enqueue", Json("{\"method\":\"GET\"}"));
        using var unknown = await Http.PostAsync("_simulator/faults/enqueue", Json("{\"kind\":\"Meteor\"}"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (missing.StatusCode, unknown.StatusCode));
    }

    [Fact]
    public async Task Enqueue_accepts_a_latency_delay()
    {
        using var enqueued = await Http.PostAsync("_simulator/faults/enqueue", Json("{\"kind\":\"Latency\",\"delay\":\"00:00:00.150\"}"));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var response = await Http.GetAsync($"api/{V}/serverinfo");

        Assert.Equal(HttpStatusCode.OK, enqueued.StatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(140), $"took {clock.Elapsed}");
        Assert.Equal("Latency", Host.State.RequestLog.Single().Fault);
    }

    [Fact]
    public async Task Reset_restores_the_startup_faults_and_empties_the_queue()
    {
        Host.SetFaults(new FaultOptions { FaultRate = 1, Kinds = new() { FaultKind.Throttle } });
        Host.EnqueueFault(FaultKind.HtmlPage);
        using (await Http.GetAsync($"api/{V}/serverinfo"))
        {
        }

        using var reset = await Http.PostAsync("_simulator/reset", null);
        using var faults = await Http.GetAsync("_simulator/faults");
        using var after = await Http.GetAsync($"api/{V}/serverinfo");

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        var current = await JsonAsync(faults);
        Assert.Equal(0, current.GetProperty("faultRate").GetDouble());
        Assert.Equal(100, current.GetProperty("expireTokenEveryRequests").GetInt32());
        Assert.Equal(HttpStatusCode.OK, after.StatusCode); // the queued HtmlPage is gone too
        Assert.Equal(0, Host.State.FaultsInjected);
    }

    [Fact]
    public async Task Request_log_json_names_the_fault()
    {
        Host.EnqueueFault(FaultKind.BadGateway);
        using (await Http.GetAsync($"api/{V}/serverinfo"))
        {
        }

        using var response = await Http.GetAsync("_simulator/requests");

        var entry = Assert.Single((await JsonAsync(response)).EnumerateArray());
        Assert.Equal("BadGateway", entry.GetProperty("fault").GetString());
        Assert.Equal(502, entry.GetProperty("statusCode").GetInt32());
    }

    [Fact]
    public void Faults_bind_from_the_command_line_and_kinds_replace_the_default()
    {
        var options = Program.BindOptions(new[]
        {
            "--Simulator:Faults:FaultRate=0.25",
            "--Simulator:Faults:Kinds:0=Throttle",
            "--Simulator:Faults:Kinds:1=DropAfterActing",
            "--Simulator:Faults:Latency=00:00:00.100",
            "--Simulator:Faults:Seed=7",
            "--Simulator:Faults:RetryAfterAsHttpDate=true",
            "--Simulator:Faults:ExcludeSignIn=true",
        });

        Assert.Equal(0.25, options.Faults.FaultRate);
        Assert.Equal(new[] { FaultKind.Throttle, FaultKind.DropAfterActing }, options.Faults.Kinds);
        Assert.Equal(TimeSpan.FromMilliseconds(100), options.Faults.Latency);
        Assert.Equal(7, options.Faults.Seed);
        Assert.True(options.Faults.RetryAfterAsHttpDate && options.Faults.ExcludeSignIn);
        Assert.Equal(FaultOptions.DefaultKinds(), Program.BindOptions(Array.Empty<string>()).Faults.Kinds);
    }

    [Fact]
    public async Task An_invalid_startup_configuration_fails_to_start()
    {
        var options = SimulatorOptions.CreateDefault();
        options.Faults.FaultRate = 1.5;

        await Assert.ThrowsAsync<ArgumentException>(() => SimulatorHost.StartAsync(options));
    }
}
