using System;
using System.Linq;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace TableauServer.Simulator.Hosting;

internal static class ServerAddresses
{
    /// <summary>The address Kestrel actually bound (port 0 resolved to the real port), with a trailing slash.</summary>
    public static Uri First(WebApplication app)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses;
        var address = addresses.FirstOrDefault(a => a.Contains("127.0.0.1", StringComparison.Ordinal)) ?? addresses.First();
        return new Uri(address.TrimEnd('/') + "/");
    }
}
