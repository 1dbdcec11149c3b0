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
        var builder = IsolatedWebApplication.CreateBuilder(runtime.Options.ConsoleLogging);
        builder.WebHost.UseUrls(runtime.Options.ListenUrl);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.ServerCertificate = certificate));

        var app = builder.Build();
        var router = new RestRouter(runtime);
        var faults = new FaultMiddleware(runtime);
        app.Map("/api", api =>
        {
            // Outermost, so faulted and dropped requests are logged too, each before the client can see how it ended.
            api.Use(async (http, next) =>
            {
                var record = RequestRecord.Begin(http, runtime.State);
                try
                {
                    await next(http);
                }
                catch
                {
                    record.FinishFailed();
                    throw;
                }
            });
            // Only /api misbehaves: the control API and the receiver are outside this branch.
            api.Use(faults.InvokeAsync);
            api.Run(router.HandleAsync);
        });
        // The login page RedirectToLogin sends requests to, logged like /api calls so a test sees whether a client
        // followed the redirect (and posted a secret to it).
        app.Map(FaultPages.LoginPath, login => login.Run(async http =>
        {
            RequestRecord.Begin(http, runtime.State);
            http.Response.StatusCode = StatusCodes.Status200OK;
            http.Response.ContentType = FaultPages.HtmlContentType;
            await http.Response.WriteAsync(FaultPages.LoginPage, http.RequestAborted);
        }));
        ControlEndpoints.Map(app, runtime);
        return app;
    }
}
