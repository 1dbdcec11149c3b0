using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace TableauServer.Simulator.Hosting;

/// <summary>The builder both listeners start from: nothing from the hosting process's configuration, signals or console.</summary>
internal static class IsolatedWebApplication
{
    public static WebApplicationBuilder CreateBuilder(bool consoleLogging)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = Array.Empty<string>() });

        // The hosting process's appsettings.json / environment must not add endpoints or settings.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Services.AddSingleton<IHostLifetime, CallerOwnedLifetime>();
        builder.WebHost.UseKestrelHttpsConfiguration();
        if (!consoleLogging)
        {
            builder.Logging.ClearProviders();
        }

        return builder;
    }
}
