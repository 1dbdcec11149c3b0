using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using TableauServer.Simulator.Api;

namespace TableauServer.Simulator.Hosting;

/// <summary>
/// The request log entry and the concurrency gauge's exit of one /api request, made exactly once and before the client
/// can see how its request ended: when the response starts (its status and headers are not yet sent), or just before a
/// fault drops or closes the connection. A test that holds the client's answer or error therefore finds the request
/// already logged and no longer counted in flight; only a client that gave up first (a timeout during a Latency fault)
/// can be ahead of the log.
/// </summary>
internal sealed class RequestRecord
{
    private static readonly object Key = new();

    private readonly HttpContext http;
    private readonly SimulatorState state;
    private int finished;

    private RequestRecord(HttpContext http, SimulatorState state)
    {
        this.http = http;
        this.state = state;
    }

    /// <summary>The injected fault's name, null when none.</summary>
    public string? Fault { get; set; }

    /// <summary>Counts the request in flight and arranges for it to be logged as its response starts.</summary>
    public static RequestRecord Begin(HttpContext http, SimulatorState state)
    {
        var record = new RequestRecord(http, state);
        http.Items[Key] = record;
        state.Concurrency.Enter();
        http.Response.OnStarting(() =>
        {
            record.Finish(http.Response.StatusCode);
            return Task.CompletedTask;
        });

        // The last resort, for a request whose connection went away before any answer (a client that gave up during a
        // delay): the client already has its error, so this entry is the only one that may come after it.
        http.Response.OnCompleted(() =>
        {
            record.Finish(http.Response.HasStarted ? http.Response.StatusCode : 0);
            return Task.CompletedTask;
        });
        return record;
    }

    public static RequestRecord For(HttpContext http) =>
        http.Items.TryGetValue(Key, out var value) && value is RequestRecord record
            ? record
            : throw new InvalidOperationException("The request was not begun by the /api pipeline.");

    /// <summary>Logs the request as dropped (status 0): call it before the client can notice, i.e. before Abort.</summary>
    public void FinishDropped() => Finish(0);

    /// <summary>The pipeline threw: unless the response had started, Kestrel answers 500 once this returns.</summary>
    public void FinishFailed()
    {
        if (!http.Response.HasStarted)
        {
            Finish(StatusCodes.Status500InternalServerError);
        }
    }

    private void Finish(int statusCode)
    {
        if (Interlocked.Exchange(ref finished, 1) != 0)
        {
            return;
        }

        state.Concurrency.Leave();
        state.RecordRequest(new RequestLogEntry(
            http.Request.Method,
            http.Request.PathBase + http.Request.Path,
            statusCode,
            DateTimeOffset.UtcNow,
            HadAuthToken: http.Request.Headers.ContainsKey(Authentication.HeaderName),
            Fault));
    }
}
