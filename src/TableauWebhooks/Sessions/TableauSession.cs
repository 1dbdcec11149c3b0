using System;
using TableauWebhooks.Client;
using TableauWebhooks.Completion;

namespace TableauWebhooks.Sessions
{
    /// <summary>
    /// One signed-in connection to a Tableau site. Shows where and as whom you are connected; the auth token and the
    /// credential stay inside the client and are never exposed here.
    /// </summary>
    public sealed class TableauSession
    {
        internal TableauSession(TableauRestClient client, SessionRegistry registry)
        {
            _registry = registry;
            Client = client;
            Sites = new SiteRouter(client);
            Server = client.ServerUrl;
            _connectedAt = client.SignedInAt;
        }

        // The registry of the runspace that connected it: IsDefault is read wherever the object travels (formatting,
        // other threads), where the current runspace is not the one that owns the session.
        private readonly SessionRegistry _registry;

        internal TableauRestClient Client { get; }
        /// <summary>Runs calls on the site they are about: the session's own, or another one of the same server.</summary>
        internal SiteRouter Sites { get; }
        /// <summary>Webhooks and sites remembered briefly for tab completion.</summary>
        internal CompletionCache CompletionCache { get; } = new CompletionCache();

        public Uri Server { get; }
        /// <summary>
        /// The site's contentUrl; "" is the Default site. The session's own site, where calls that name no site go, even
        /// while its one connection (a personal access token or JWT) is on another site for a webhook that lives there,
        /// or was left there by a command stopped with Ctrl+C before it could go back.
        /// </summary>
        public string Site => Sites.TryGetHome(out var home, out _) ? home : Client.SiteContentUrl;
        public string SiteId => Sites.TryGetHome(out _, out var homeId) ? homeId : Client.SiteId;
        public string? UserName => Client.UserName;
        public string UserId => Client.UserId;
        /// <summary>Password, PersonalAccessToken or Jwt.</summary>
        public string AuthenticationMethod => Client.AuthenticationMethod;
        /// <summary>The REST API version every request of this session uses.</summary>
        public Version ApiVersion => Client.ApiVersion;
        /// <summary>The highest REST API version the server supports.</summary>
        public Version ServerApiVersion => Client.ServerInfo.RestApiVersion;
        public string ProductVersion => Client.ServerInfo.ProductVersion;
        /// <summary>When it signed in: a UTC DateTime that prints as ISO 8601 (Output.IsoTimestamp), in Export-Csv too.</summary>
        public System.Management.Automation.PSObject ConnectedAt => Output.IsoTimestamp.From(_connectedAt)!;
        private readonly DateTimeOffset _connectedAt;
        /// <summary>When the server expects the sign-in to lapse, if it said (Tableau's estimatedTimeToExpiration); prints as ISO 8601.</summary>
        public System.Management.Automation.PSObject? ExpiresAt => Output.IsoTimestamp.From(Client.EstimatedExpiry);
        public bool IsConnected => Client.IsSignedIn;
        /// <summary>True for the session cmdlets of this runspace use when -Session is not given.</summary>
        public bool IsDefault => ReferenceEquals(_registry.Current, this);

        public override string ToString() => DescribeOn(Site);

        /// <summary>How messages name this session acting on <paramref name="site"/> (null: its own site).</summary>
        internal string DescribeOn(string? site)
        {
            site ??= Site;
            return $"{UserName ?? UserId}@{Server} site '{(site.Length == 0 ? "Default" : site)}' (API {ApiVersion})";
        }
    }
}
