using System;
using System.Net;

namespace TableauWebhooks.Client
{
    /// <summary>Everything that shapes one connection. One HttpClient is built from it per session.</summary>
    public sealed class TableauClientOptions
    {
        /// <summary>The server root, e.g. https://tableau.example.com or https://10ax.online.tableau.com. Must be absolute http(s).</summary>
        public Uri ServerUrl { get; set; } = null!;
        /// <summary>The site's contentUrl; "" is the Default site.</summary>
        public string SiteContentUrl { get; set; } = "";
        /// <summary>Null: the highest version both the server and this client support.</summary>
        public Version? ApiVersion { get; set; }
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);
        /// <summary>Accept any server certificate for this client only (never process-wide).</summary>
        public bool SkipCertificateCheck { get; set; }
        /// <summary>Null uses the system proxy.</summary>
        public IWebProxy? Proxy { get; set; }
        /// <summary>Credentials for the proxy (Proxy, or the system proxy when Proxy is null).</summary>
        public ICredentials? ProxyCredentials { get; set; }
        /// <summary>Authenticate to the proxy as the current Windows user; wins over ProxyCredentials.</summary>
        public bool ProxyUseDefaultCredentials { get; set; }
        /// <summary>
        /// Send the password, token or JWT over plain http to a host other than this machine (as Invoke-RestMethod's
        /// -AllowUnencryptedAuthentication). Off: only https, or http to a loopback address (see Http.CredentialChannel).
        /// </summary>
        public bool AllowUnencryptedAuthentication { get; set; }
        /// <summary>Connect directly; wins over Proxy and the proxy credentials.</summary>
        public bool NoProxy { get; set; }
        /// <summary>
        /// Retries after the first attempt for throttling (429/503), gateway errors, timeouts, dropped connections and
        /// unreadable answers. Only requests that are safe to repeat are retried; a create is checked for first. 0 disables.
        /// </summary>
        public int MaxRetries { get; set; } = 4;
        /// <summary>The base of the exponential backoff (full jitter): retry n waits a random time up to base * 2^(n-1).</summary>
        public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
        /// <summary>The longest single wait, for backoff and for a server's Retry-After alike.</summary>
        public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(60);
        /// <summary>Receives one line per attempt (method, path, status, duration) and per retry or re-sign-in. Never given a token or secret.</summary>
        public Action<string>? Trace { get; set; }
    }
}
