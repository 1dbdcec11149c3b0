using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using TableauServer.Simulator.Api.Endpoints;
using TableauServer.Simulator.Hosting;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api;

/// <summary>
/// Dispatches <c>/api/{version}/...</c>. A path no method knows, or a version below the method's minimum or
/// above the server's restApiVersion, is Tableau's 404003 "Unknown resource"; a known path with the wrong
/// verb is 405000. Endpoint errors are <see cref="ApiException"/>s rendered as error documents.
/// </summary>
internal sealed class RestRouter
{
    private readonly SimulatorRuntime runtime;
    private readonly IReadOnlyList<RestRoute> routes;

    public RestRouter(SimulatorRuntime runtime)
    {
        this.runtime = runtime;
        routes = ServerInfoEndpoints.Routes()
            .Concat(AuthEndpoints.Routes())
            .Concat(SiteEndpoints.Routes())
            .Concat(UserEndpoints.Routes())
            .Concat(WebhookEndpoints.Routes())
            .ToList();
    }

    public async Task HandleAsync(HttpContext http)
    {
        var format = WireFormats.ForResponse(http.Request, runtime.Options);
        var path = http.Request.Path.Value ?? "";
        try
        {
            // A trailing slash is tolerated (some clients post to ".../webhooks/").
            var segments = path.Trim('/').Split('/');
            if (segments.Length < 2 || !ApiVersion.TryParse(segments[0], out var version))
            {
                throw ApiErrors.UnknownResource(path);
            }

            var rest = segments[1..];
            var matches = routes
                .Select(r => (Route: r, Matched: r.TryMatch(rest, out var values), Values: values))
                .Where(m => m.Matched)
                .ToList();
            if (matches.Count == 0)
            {
                throw ApiErrors.UnknownResource(path);
            }

            var match = matches.FirstOrDefault(m => m.Route.Method.Equals(http.Request.Method, StringComparison.OrdinalIgnoreCase));
            if (match.Route is null)
            {
                throw ApiErrors.MethodNotAllowed(http.Request.Method, path);
            }

            if (version < match.Route.MinVersion || version > runtime.RestApiVersion)
            {
                throw ApiErrors.UnknownResource(path);
            }

            await match.Route.Handler(new RestRequest(http, version, match.Values, runtime, format));
        }
        catch (ApiException error)
        {
            await ResponseWriter.WriteErrorAsync(http, format, error, runtime.RestApiVersion);
        }
        catch (Exception) when (!http.Response.HasStarted && !http.RequestAborted.IsCancellationRequested)
        {
            await ResponseWriter.WriteErrorAsync(http, format, ApiErrors.Internal(), runtime.RestApiVersion);
        }
    }
}
