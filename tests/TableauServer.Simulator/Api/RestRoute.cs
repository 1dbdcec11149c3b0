using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace TableauServer.Simulator.Api;

internal delegate Task RestHandler(RestRequest request);

/// <summary>One REST method: verb, path template below <c>/api/{version}/</c>, and the first API version that has it.</summary>
internal sealed class RestRoute
{
    private readonly string[] segments;

    public RestRoute(string method, string template, ApiVersion minVersion, RestHandler handler)
    {
        Method = method;
        Template = template;
        MinVersion = minVersion;
        Handler = handler;
        segments = template.Split('/');
    }

    public string Method { get; }
    public string Template { get; }
    public ApiVersion MinVersion { get; }
    public RestHandler Handler { get; }

    /// <summary>Literal segments match case-insensitively (clients send both serverinfo and serverInfo).</summary>
    public bool TryMatch(string[] path, out Dictionary<string, string> values)
    {
        values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (path.Length != segments.Length)
        {
            return false;
        }

        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.StartsWith('{'))
            {
                values[segment.Trim('{', '}')] = Uri.UnescapeDataString(path[i]);
            }
            else if (!segment.Equals(path[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
