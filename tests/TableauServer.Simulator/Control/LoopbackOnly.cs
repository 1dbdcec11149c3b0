using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace TableauServer.Simulator.Control;

/// <summary>The control API can reset state and fire events, so it only answers callers on this machine.</summary>
internal static class LoopbackOnly
{
    public static async ValueTask<object?> FilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var remote = context.HttpContext.Connection.RemoteIpAddress;
        return remote is not null && IPAddress.IsLoopback(remote)
            ? await next(context)
            : Results.StatusCode(StatusCodes.Status403Forbidden);
    }
}
