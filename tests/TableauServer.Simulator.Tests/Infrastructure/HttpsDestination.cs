using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TableauServer.Simulator.Hosting;

namespace TableauServer.Simulator.Tests.Infrastructure;

/// <summary>
/// A webhook destination that is not the simulator's receiver: Kestrel on 127.0.0.1 (free port) serving https with
/// the certificate the test made. Every POST is answered 200 "received" and recorded.
/// </summary>
public sealed class HttpsDestination : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly ConcurrentQueue<(string Path, string Body)> received = new();

    private HttpsDestination(WebApplication app) => this.app = app;

    public int Port { get; private set; }

    /// <summary>Path and body of every POST that got through, in arrival order.</summary>
    public IReadOnlyList<(string Path, string Body)> Received => received.ToArray();

    /// <summary>https://127.0.0.1:{port}/{path}</summary>
    public string Url(string path) => $"https://127.0.0.1:{Port}/{path}";

    public static async Task<HttpsDestination> StartAsync(X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        var destination = new HttpsDestination(app);
        app.MapPost("/{**rest}", async (HttpContext http, string? rest) =>
        {
            var body = await new StreamReader(http.Request.Body).ReadToEndAsync(http.RequestAborted);
            destination.received.Enqueue((http.Request.Path, body));
            return Results.Text("received");
        });
        await app.StartAsync();
        destination.Port = ServerAddresses.First(app).Port;
        return destination;
    }

    public ValueTask DisposeAsync() => app.DisposeAsync();
}
