using System.Collections.Generic;
using System.Threading.Tasks;
using TableauServer.Simulator.Hosting;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api.Endpoints;

/// <summary>GET /api/{v}/serverinfo — unauthenticated; how clients discover restApiVersion.</summary>
internal static class ServerInfoEndpoints
{
    public static IEnumerable<RestRoute> Routes()
    {
        yield return new RestRoute("GET", "serverinfo", new ApiVersion(2, 4), GetAsync);
    }

    private static Task GetAsync(RestRequest request)
    {
        var options = request.Runtime.Options;
        var productVersion = new WireElement("productVersion") { Text = options.ProductVersion }
            .Attr("build", options.ProductBuild ?? ProductVersionTable.DefaultBuild(options.ProductVersion));
        var serverInfo = new WireElement("serverInfo")
            .Add(productVersion)
            .Add(new WireElement("restApiVersion") { Text = request.Runtime.RestApiVersion.ToString() });
        return request.RespondAsync(200, serverInfo);
    }
}
