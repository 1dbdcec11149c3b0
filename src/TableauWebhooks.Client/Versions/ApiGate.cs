using System;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Versions
{
    /// <summary>
    /// Where a REST API feature starts: the API version that introduced it and the Tableau Server release that first
    /// shipped that version, kept together so every message that names one names the other. The gates are in ApiGates.
    /// </summary>
    internal sealed class ApiGate
    {
        public ApiGate(int major, int minor, string tableauRelease)
        {
            Api = new Version(major, minor);
            TableauRelease = tableauRelease;
        }

        /// <summary>The REST API version that introduced the feature, e.g. 3.8.</summary>
        public Version Api { get; }
        /// <summary>The Tableau Server release that introduced that API version, e.g. 2020.2.</summary>
        public string TableauRelease { get; }

        public bool IsOpenAt(Version api) => api >= Api;

        /// <summary>Fails with ApiVersionNotSupported, before anything is sent, unless the session's <paramref name="api"/> reaches the gate.</summary>
        public void Require(string what, Version api)
        {
            if (!IsOpenAt(api)) throw ClientErrors.ApiVersionTooLow(what, Api, TableauRelease, api);
        }
    }
}
