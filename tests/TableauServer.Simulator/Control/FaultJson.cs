using System.Text.Json;
using System.Text.Json.Serialization;

namespace TableauServer.Simulator.Control;

/// <summary>JSON of the fault endpoints: camelCase like the rest of the control API, fault kinds as names.</summary>
internal static class FaultJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}
