using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using TableauServer.Simulator.Api;

namespace TableauServer.Simulator.Wire;

/// <summary>Writes a response document (or an error document) in the negotiated format.</summary>
internal static class ResponseWriter
{
    public static async Task WriteAsync(HttpContext http, WireFormat format, int statusCode, ApiVersion schemaVersion, params WireElement[] content)
    {
        http.Response.StatusCode = statusCode;
        http.Response.ContentType = WireFormats.ContentType(format);
        var body = format == WireFormat.Json ? JsonDocumentWriter.Write(content) : XmlDocumentWriter.Write(content, schemaVersion);
        await http.Response.WriteAsync(body, http.RequestAborted);
    }

    public static Task WriteErrorAsync(HttpContext http, WireFormat format, ApiException error, ApiVersion schemaVersion)
    {
        // JSON carries the code as a string ({"error":{"code":"404003",...}}), as real servers do.
        var element = new WireElement("error").Attr("code", error.Code);
        element.Add(new WireElement("summary") { Text = error.Summary });
        element.Add(new WireElement("detail") { Text = error.Detail });
        return WriteAsync(http, format, error.StatusCode, schemaVersion, element);
    }
}
