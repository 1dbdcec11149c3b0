using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http;
using TableauServer.Simulator.Api;
using TableauServer.Simulator.Hosting;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Faults;

/// <summary>
/// Sits between the request log and the Tableau router on /api and makes the chosen fault real at the HTTP level:
/// Kestrel aborts for drops, buffered-then-rewritten bodies for the "processed normally" faults, and answers that
/// never reach the router for the faults where the server does not act.
/// </summary>
internal sealed class FaultMiddleware
{
    private readonly SimulatorRuntime runtime;

    public FaultMiddleware(SimulatorRuntime runtime) => this.runtime = runtime;

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var request = http.Request;
        var hasToken = request.Headers[Authentication.HeaderName].ToString().Length > 0;
        var decision = runtime.State.FaultInjector.Decide(request.Method, request.PathBase + request.Path, hasToken);
        var record = RequestRecord.For(http);
        record.Fault = decision.Kind?.ToString();

        if (decision.Delay > TimeSpan.Zero && !await DelayAsync(http, decision.Delay))
        {
            // The client gave up while waiting: nothing is processed and nothing is sent.
            record.FinishDropped();
            return;
        }

        switch (decision.Kind)
        {
            case null:
            case FaultKind.Latency:
                await next(http);
                break;
            case FaultKind.Throttle:
                await WriteRetryLaterAsync(http, decision, new ApiException(429, "429000", "Too Many Requests",
                    "The server received too many requests. Retry after the interval in the Retry-After header."));
                break;
            case FaultKind.ServiceUnavailable:
                await WriteRetryLaterAsync(http, decision, new ApiException(503, "503000", "Service Unavailable",
                    "The server is temporarily unavailable. Retry after the interval in the Retry-After header."));
                break;
            case FaultKind.BadGateway:
                await WriteHtmlAsync(http, StatusCodes.Status502BadGateway, FaultPages.BadGateway);
                break;
            case FaultKind.GatewayTimeout:
                await WriteHtmlAsync(http, StatusCodes.Status504GatewayTimeout, FaultPages.GatewayTimeout);
                break;
            case FaultKind.HtmlPage:
                await WriteHtmlAsync(http, StatusCodes.Status200OK, FaultPages.LoginPage);
                break;
            case FaultKind.RedirectToLogin:
                http.Response.StatusCode = StatusCodes.Status302Found;
                http.Response.Headers.Location = $"{request.Scheme}://{request.Host}{FaultPages.LoginPath}?target={Uri.EscapeDataString(request.PathBase + request.Path)}";
                break;
            case FaultKind.DropBeforeActing:
                record.FinishDropped();
                http.Abort();
                break;
            case FaultKind.DropAfterActing:
                await BufferAsync(http, next);
                record.FinishDropped();
                http.Abort();
                break;
            case FaultKind.CloseAfterActing:
                await BufferAsync(http, next);
                record.FinishDropped();
                CloseWithoutAnswer(http);
                break;
            case FaultKind.TruncatedBody:
                var full = await BufferAsync(http, next);
                await WriteBodyAsync(http, full.AsMemory(0, full.Length / 2));
                break;
            case FaultKind.MalformedBody:
                await BufferAsync(http, next);
                await WriteBodyAsync(http, Encoding.UTF8.GetBytes(FaultPages.Garbage));
                break;
            case FaultKind.EmptyBody:
                await BufferAsync(http, next);
                await WriteBodyAsync(http, ReadOnlyMemory<byte>.Empty);
                break;
            case FaultKind.ExpireToken:
                var token = request.Headers[Authentication.HeaderName].ToString();
                if (token.Length > 0)
                {
                    runtime.State.Sessions.End(token);
                }

                await next(http);
                break;
        }
    }

    /// <summary>
    /// Shuts the socket down cleanly before Kestrel sends anything, then lets Kestrel drop the connection: the client
    /// reads end-of-stream where the answer should start. Kestrel's own Abort resets the connection instead.
    /// </summary>
    private static void CloseWithoutAnswer(HttpContext http)
    {
        var socket = http.Features.Get<IConnectionSocketFeature>()?.Socket;
        try
        {
            socket?.Shutdown(SocketShutdown.Both);
        }
        catch (SocketException)
        {
            // Already gone: the client sees a closed connection either way.
        }
        catch (ObjectDisposedException)
        {
        }

        http.Abort();
    }

    /// <summary>False when the client aborted during the delay (the server must not act later).</summary>
    private static async Task<bool> DelayAsync(HttpContext http, TimeSpan delay)
    {
        try
        {
            await Task.Delay(delay, http.RequestAborted);
            return !http.RequestAborted.IsCancellationRequested;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Runs the router with the response body held in memory, so nothing reaches the wire yet.</summary>
    private static async Task<byte[]> BufferAsync(HttpContext http, RequestDelegate next)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        return buffer.ToArray();
    }

    /// <summary>Sends the router's status and headers with a replacement body; Content-Length states its real length.</summary>
    private static async Task WriteBodyAsync(HttpContext http, ReadOnlyMemory<byte> body)
    {
        if (!CanHaveBody(http))
        {
            return;
        }

        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    // 204 and 304 must not carry a body; Kestrel refuses to write one.
    private static bool CanHaveBody(HttpContext http) =>
        http.Response.StatusCode is not (StatusCodes.Status204NoContent or StatusCodes.Status304NotModified);

    private Task WriteRetryLaterAsync(HttpContext http, FaultDecision decision, ApiException error)
    {
        http.Response.Headers.RetryAfter = decision.RetryAfterAsHttpDate
            ? DateTimeOffset.UtcNow.AddSeconds(decision.RetryAfterSeconds).ToString("R", CultureInfo.InvariantCulture)
            : decision.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return ResponseWriter.WriteErrorAsync(http, WireFormats.ForResponse(http.Request, runtime.Options), error, runtime.RestApiVersion);
    }

    private static Task WriteHtmlAsync(HttpContext http, int status, string page)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = FaultPages.HtmlContentType;
        return http.Response.WriteAsync(page, http.RequestAborted);
    }
}
