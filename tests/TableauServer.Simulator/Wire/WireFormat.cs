using Microsoft.AspNetCore.Http;

namespace TableauServer.Simulator.Wire;

internal enum WireFormat
{
    Xml,
    Json,
}

internal static class WireFormats
{
    /// <summary>
    /// Tableau answers in XML unless the client asks for JSON with the Accept header, and the simulator was not told
    /// to ignore that header (<see cref="SimulatorOptions.IgnoreAcceptHeader"/>).
    /// </summary>
    public static WireFormat ForResponse(HttpRequest request, SimulatorOptions options) =>
        !options.IgnoreAcceptHeader && request.Headers.Accept.ToString().Contains("json", System.StringComparison.OrdinalIgnoreCase)
            ? WireFormat.Json
            : WireFormat.Xml;

    public static string ContentType(WireFormat format) =>
        format == WireFormat.Json ? "application/json;charset=utf-8" : "application/xml;charset=utf-8";
}
