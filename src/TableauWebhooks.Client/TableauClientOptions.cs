using System;
using System.Net;

namespace TableauWebhooks.Client
{
    /// <summary>The wire format the client speaks to the server. Responses are parsed by their Content-Type either way.</summary>
    public enum WireFormat
    {
        Json,
        Xml,
    }

    /// <summary>Everything that shapes one connection. One HttpClient is built from it per session.</summary>
    public sealed class TableauClientOptions
    {
        /// <summary>The server root, e.g. https://tableau.example.com or https://10ax.online.tableau.com. Must be absolute http(s).</summary>
        public Uri ServerUrl { get; set; } = null!;
        /// <summary>The site's contentUrl; "" is the Default site.</summary>
        public string SiteContentUrl { get; set; } = "";
        /// <summary>Null: the highest version both the server and this client support.</summary>
        public Version? ApiVersion { get; set; }
        public WireFormat Format { get; set; } = WireFormat.Json;
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
        /// <summary>Accept any server certificate for this client only (never process-wide).</summary>
        public bool SkipCertificateCheck { get; set; }
        /// <summary>Null uses the system proxy.</summary>
        public IWebProxy? Proxy { get; set; }
        public bool NoProxy { get; set; }
        /// <summary>Receives one line per request (method, path, status, duration). Never given a token or secret.</summary>
        public Action<string>? Trace { get; set; }
    }
}
