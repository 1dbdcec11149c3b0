using System;
using System.Linq;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace TableauServer.Simulator.Hosting;

/// <summary>
/// The built-in webhook destination: https on loopback. <c>POST /hooks/{anything}</c> answers 200 "ok";
/// <c>POST /hooks/status/{code}/{anything}</c> answers with that status (a failing destination);
/// <c>POST /hooks/delay/{milliseconds}/{anything}</c> answers 200 late (a slow destination, for read timeouts);
/// <c>POST /hooks/flaky/{n}/{anything}</c> answers 500 to the first n deliveries to that path, then 200 (a destination
/// that recovers, for retries). Every POST answered is recorded in <see cref="SimulatorState.Deliveries"/> before the
/// answer is sent; one whose sender gave up during a delay is not.
/// </summary>
internal static class ReceiverApplication
{
    public static WebApplication Build(SimulatorOptions options, SimulatorState state, X509Certificate2 certificate)
    {
        var builder = IsolatedWebApplication.CreateBuilder(options.ConsoleLogging);
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, options.ReceiverPort, listen => listen.UseHttps(certificate)));

        var app = builder.Build();
        app.MapPost("/hooks/status/{code:int}/{**rest}", (HttpContext http, int code) =>
            RecordAsync(http, state, code, $"simulated failure {code}"));
        app.MapPost("/hooks/flaky/{failures:int}/{**rest}", (HttpContext http, int failures) =>
        {
            var delivery = state.FlakyDeliveries.Next(http.Request.Path);
            return delivery <= failures
                ? RecordAsync(http, state, 500, $"simulated failure {delivery} of {failures}")
                : RecordAsync(http, state, 200, "ok");
        });
        app.MapPost("/hooks/delay/{milliseconds:int}/{**rest}", async (HttpContext http, int milliseconds) =>
        {
            await Task.Delay(milliseconds, http.RequestAborted);
            return await RecordAsync(http, state, 200, "ok");
        });
        // The rest parameter keeps this a route handler (its IResult is written), not a bare RequestDelegate.
        app.MapPost("/hooks/{**rest}", (HttpContext http, string? rest) => RecordAsync(http, state, 200, "ok"));
        return app;
    }

    private static async Task<IResult> RecordAsync(HttpContext http, SimulatorState state, int status, string answer)
    {
        var body = await new System.IO.StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
        var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        state.RecordDelivery(new ReceivedDelivery(
            http.Request.Method, http.Request.Path + http.Request.QueryString, headers, body, status, DateTimeOffset.UtcNow));
        return Results.Text(answer, "text/plain", statusCode: status);
    }
}
