using System;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TableauServer.Simulator.Api;
using TableauServer.Simulator.Control;
using TableauServer.Simulator.Faults;

namespace TableauServer.Simulator.Hosting;

/// <summary>The REST API listener: <c>/api/...</c> goes to the Tableau router, <c>/_simulator/...</c> to the control API.</summary>
internal static class ApiApplication
{
    /// <param name="certificate">
    /// Served when ListenUrl is https: the same self-signed certificate as the receiver, so tests can prove a client
    /// rejects an untrusted server certificate unless told to skip the check.
    /// </param>
    public static WebApplication Build(SimulatorRuntime runtime, X509Certificate2 certificate)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });

        // Isolate from the hosting process: its appsettings.json / environment must not add endpoints or settings.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.WebHost.UseUrls(runtime.Options.ListenUrl);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));
        if (!runtime.Options.ConsoleLogging)
        {
            builder.Logging.ClearProviders();
        }

        var app = builder.Build();
        var router = new RestRouter(runtime);
        var faults = new FaultMiddleware(runtime);
        app.Map("/api", api =>
        {
            // Outermost, so faulted and dropped requests are logged too (after the fault has played out).
            api.Use(async (http, next) =>
            {
                runtime.State.Concurrency.Enter();
                try
                {
                    await next(http);
                }
                finally
                {
                    runtime.State.Concurrency.Leave();
                }
                var applied = AppliedFault.For(http);
                runtime.State.RecordRequest(new RequestLogEntry(
                    http.Request.Method,
                    http.Request.PathBase + http.Request.Path,
                    applied.Dropped ? 0 : http.Response.StatusCode,
                    DateTimeOffset.UtcNow,
                    HadAuthToken: http.Request.Headers.ContainsKey(Authentication.HeaderName),
                    Fault: applied.Name));
            });
            // Only /api misbehaves: the control API and the receiver are outside this branch.
            api.Use(faults.InvokeAsync);
            api.Run(router.HandleAsync);
        });
        ControlEndpoints.Map(app, runtime);
        return app;
    }
}
