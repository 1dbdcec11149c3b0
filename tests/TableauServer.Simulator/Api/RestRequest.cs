using System.Collections.Generic;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using TableauServer.Simulator.Hosting;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api;

/// <summary>What an endpoint gets: the HTTP exchange, the URI's API version and path values, and the runtime.</summary>
internal sealed class RestRequest
{
    private readonly IReadOnlyDictionary<string, string> values;

    public RestRequest(HttpContext http, ApiVersion version, IReadOnlyDictionary<string, string> values, SimulatorRuntime runtime, WireFormat format)
    {
        Http = http;
        Version = version;
        this.values = values;
        Runtime = runtime;
        Format = format;
    }

    public HttpContext Http { get; }

    /// <summary>The version segment of the URI (not the server's version).</summary>
    public ApiVersion Version { get; }

    public SimulatorRuntime Runtime { get; }
    public SimulatorState State => Runtime.State;
    public WireFormat Format { get; }

    public string this[string name] => values[name];

    public Task<WireElement> ReadBodyAsync() => RequestBodyReader.ReadAsync(Http.Request, Http.RequestAborted);

    public Task RespondAsync(int statusCode, params WireElement[] content) =>
        ResponseWriter.WriteAsync(Http, Format, statusCode, Runtime.RestApiVersion, content);

    public Task RespondNoContentAsync()
    {
        Http.Response.StatusCode = StatusCodes.Status204NoContent;
        return Task.CompletedTask;
    }
}
