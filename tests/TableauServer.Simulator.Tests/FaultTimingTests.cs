using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>Latency, cancelled clients, and random faults that repeat with a seed.</summary>
public sealed class FaultTimingTests : SimulatorTest
{
    [Fact]
    public async Task Latency_delays_every_api_request_but_not_the_control_api()
    {
        Host.SetFaults(new FaultOptions { Latency = TimeSpan.FromMilliseconds(200) });

        var api = Stopwatch.StartNew();
        using (var response = await Http.GetAsync($"api/{V}/serverinfo"))
        {
            Assert.True(response.IsSuccessStatusCode);
        }

        api.Stop();
        var control = Stopwatch.StartNew();
        using (await Http.GetAsync("_simulator/requests"))
        {
        }

        // A lower bound only: the latency cannot be shorter than asked. The control API must not wait for it: with a
        // 200 ms latency anything under it is the control API's own time, however busy the machine is.
        Assert.True(api.Elapsed >= TimeSpan.FromMilliseconds(190), $"api took {api.Elapsed}");
        Assert.True(control.Elapsed < api.Elapsed, $"control took {control.Elapsed}, as long as the delayed api request ({api.Elapsed})");
        Assert.Null(Host.State.RequestLog.Single().Fault); // global latency is not a fault
    }

    [Fact]
    public async Task A_client_cancelling_during_latency_leaves_the_server_not_acting()
    {
        var admin = await SignInAsync();
        Host.EnqueueFault(FaultKind.Latency, "POST", "/webhooks", TimeSpan.FromSeconds(3));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var request = new HttpRequestMessage(HttpMethod.Post, Webhooks(admin))
        {
            Content = new StringContent(CreateXml("late", ReceiverUrl("x"), "WorkbookCreated"), System.Text.Encoding.UTF8, "application/xml"),
        };
        request.Headers.Add("X-Tableau-Auth", admin.Token);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Http.SendAsync(request, cancel.Token));

        // The client gave up first, so the server's record comes after the client's error: wait for it (only against a
        // hang). Had the server sat out the 3 s and acted, the entry would say 201 and the webhook would exist.
        var entry = await Host.State.WaitForRequestAsync(e => e.Method == "POST" && e.Path.EndsWith("/webhooks"), TimeSpan.FromSeconds(30), "the cancelled create");
        Assert.Equal((0, "Latency"), (entry.StatusCode, entry.Fault));
        Assert.Empty(Host.State.Webhooks);
    }

    [Fact]
    public async Task An_enqueued_latency_fault_uses_its_delay_then_processes_normally()
    {
        Host.EnqueueFault(FaultKind.Latency, delay: TimeSpan.FromMilliseconds(150));

        var clock = Stopwatch.StartNew();
        using var response = await Http.GetAsync($"api/{V}/serverinfo");

        Assert.True(response.IsSuccessStatusCode);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(140), $"took {clock.Elapsed}");
    }

    private async Task<List<string>> RunSequenceAsync(int count)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            using var response = await Http.GetAsync($"api/{V}/serverinfo");
            outcomes.Add(((int)response.StatusCode).ToString());
        }

        return outcomes;
    }

    [Fact]
    public async Task A_fault_rate_with_a_seed_repeats_the_same_sequence()
    {
        var faults = new FaultOptions
        {
            FaultRate = 0.5, Seed = 1234, RetryAfterSeconds = 0,
            Kinds = new List<FaultKind> { FaultKind.Throttle, FaultKind.ServiceUnavailable, FaultKind.BadGateway },
        };

        Host.SetFaults(faults);
        var first = await RunSequenceAsync(30);
        Host.SetFaults(faults);
        var second = await RunSequenceAsync(30);

        Assert.Equal(first, second);
        Assert.Contains("200", first);
        Assert.Contains(first, s => s != "200");
        Assert.Equal(first.Count(s => s != "200") * 2, Host.State.FaultsInjected);
        Assert.All(Host.State.RequestLog, e => Assert.Equal(e.StatusCode == 200, e.Fault is null));
    }

    [Fact]
    public async Task Random_faults_are_thread_safe_and_counted()
    {
        Host.SetFaults(new FaultOptions { FaultRate = 0.5, Seed = 7, Kinds = new List<FaultKind> { FaultKind.Throttle } });

        var statuses = await Task.WhenAll(Enumerable.Range(0, 40).Select(async _ =>
        {
            using var response = await Http.GetAsync($"api/{V}/serverinfo");
            return (int)response.StatusCode;
        }));

        Assert.Equal(statuses.Count(s => s == 429), Host.State.FaultsInjected);
        Assert.Equal(40, Host.State.RequestLog.Count);
        Assert.All(statuses, s => Assert.Contains(s, new[] { 200, 429 }));
    }

    [Fact]
    public async Task Exclude_sign_in_keeps_sign_in_working_at_full_fault_rate()
    {
        Host.SetFaults(new FaultOptions { FaultRate = 1, ExcludeSignIn = true, Kinds = new List<FaultKind> { FaultKind.GatewayTimeout } });

        var admin = await SignInAsync();
        using var list = await SendAsync(HttpMethod.Get, Webhooks(admin), admin.Token);

        Assert.Equal(System.Net.HttpStatusCode.GatewayTimeout, list.StatusCode);
    }

    [Fact]
    public async Task Default_kinds_are_every_kind_but_latency_and_expiry_and_the_receiver_is_never_faulted()
    {
        // Drops and the clean close are in: a soak at the default kinds meets every way an answer can be lost.
        Assert.Equal(new[]
        {
            FaultKind.Throttle, FaultKind.ServiceUnavailable, FaultKind.BadGateway, FaultKind.GatewayTimeout,
            FaultKind.DropBeforeActing, FaultKind.DropAfterActing, FaultKind.CloseAfterActing, FaultKind.TruncatedBody,
            FaultKind.MalformedBody, FaultKind.HtmlPage, FaultKind.EmptyBody,
        }, new FaultOptions().Kinds);

        var admin = await SignInAsync();
        await CreateWebhookAsync(admin, eventName: "DatasourceRefreshFailed");
        Host.SetFaults(new FaultOptions { FaultRate = 1, Kinds = new List<FaultKind> { FaultKind.DropBeforeActing } });

        using var fired = await Http.PostAsync("_simulator/events",
            new StringContent("{\"site\":\"\",\"event\":\"DatasourceRefreshFailed\"}", System.Text.Encoding.UTF8, "application/json"));

        Assert.True(fired.IsSuccessStatusCode);
        Assert.Single(Host.State.Deliveries);
    }
}
