using System;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>
/// The built simulator as its own process, as scripts, CI and service managers run it: SIGTERM (kill) and SIGINT
/// (Ctrl+C) end it within 5 s with exit code 0, also while an event delivery is waiting between its attempts.
/// </summary>
public sealed class ProcessShutdownTests
{
    private static readonly TimeSpan Allowed = TimeSpan.FromSeconds(5);

    [UnixTheory]
    [InlineData("TERM")]
    [InlineData("INT")]
    public async Task A_signal_stops_it_within_five_seconds_with_exit_code_0_even_with_a_delivery_pending(string signal)
    {
        using var simulator = StartSimulator("--Simulator:DeliveryRetryDelay=00:00:30");
        var baseUrl = await ReadBaseUrlAsync(simulator);

        // A delivery to a destination that refuses connections retries after 30 s: it is pending when the signal comes.
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        http.DefaultRequestHeaders.Add("Accept", "application/json");
        await CreateWebhookToClosedPortAsync(http);
        var pending = http.PostAsync("_simulator/events", new StringContent("{\"event\":\"DatasourceRefreshFailed\"}", Encoding.UTF8, "application/json"));
        await Task.Delay(500);
        Assert.False(pending.IsCompleted, "The event's delivery should still be waiting between its attempts.");

        Signal(simulator.Id, signal);
        var watch = Stopwatch.StartNew();
        var exited = simulator.WaitForExit((int)Allowed.TotalMilliseconds);

        Assert.True(exited, $"The simulator was still running {Allowed.TotalSeconds} s after SIG{signal}.");
        Assert.Equal(0, simulator.ExitCode);
        Assert.True(watch.Elapsed < Allowed);
        await Assert.ThrowsAnyAsync<Exception>(() => pending); // the abandoned delivery's request was cut, not answered later
    }

    private static Process StartSimulator(params string[] options)
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "TableauServer.Simulator.dll");
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var option in options) start.ArgumentList.Add(option);
        return Process.Start(start)!;
    }

    private static async Task<string> ReadBaseUrlAsync(Process simulator)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            var line = await simulator.StandardOutput.ReadLineAsync();
            if (line == null) break;
            var at = line.IndexOf("Base URL:", StringComparison.Ordinal);
            if (at >= 0)
            {
                _ = simulator.StandardOutput.ReadToEndAsync();
                _ = simulator.StandardError.ReadToEndAsync();
                return line.Substring(at + "Base URL:".Length).Trim();
            }
        }

        simulator.Kill();
        throw new InvalidOperationException("The simulator did not print its base URL: " + await simulator.StandardError.ReadToEndAsync());
    }

    private static async Task CreateWebhookToClosedPortAsync(HttpClient http)
    {
        var (token, siteId) = await SignInAsync(http);
        var create = new StringContent(
            $"{{\"webhook\":{{\"name\":\"pending\",\"event\":\"DatasourceRefreshFailed\",\"webhook-destination\":{{\"webhook-destination-http\":{{\"method\":\"POST\",\"url\":\"https://127.0.0.1:{Ports.Closed()}/x\"}}}}}}}}",
            Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/3.27/sites/{siteId}/webhooks") { Content = create };
        request.Headers.Add("X-Tableau-Auth", token);
        using var created = await http.SendAsync(request);
        created.EnsureSuccessStatusCode();
    }

    private static async Task<(string Token, string SiteId)> SignInAsync(HttpClient http)
    {
        using var response = await http.PostAsync("api/3.27/auth/signin",
            new StringContent("{\"credentials\":{\"name\":\"admin\",\"password\":\"admin\",\"site\":{\"contentUrl\":\"\"}}}", Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
        using var document = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var credentials = document.RootElement.GetProperty("credentials");
        return (credentials.GetProperty("token").GetString()!, credentials.GetProperty("site").GetProperty("id").GetString()!);
    }

    private static void Signal(int pid, string signal)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill", $"-{signal} {pid}") { UseShellExecute = false })!;
        kill.WaitForExit();
        Assert.Equal(0, kill.ExitCode);
    }
}
