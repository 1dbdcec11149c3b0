using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace TableauServer.Simulator.Control;

/// <summary>Reading a control endpoint's JSON body.</summary>
internal static class ControlJson
{
    /// <summary>Null for an empty or malformed body (the caller answers 400).</summary>
    public static async Task<T?> ReadAsync<T>(HttpContext http, JsonSerializerOptions options)
        where T : class
    {
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(http.Request.Body, options, http.RequestAborted);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
