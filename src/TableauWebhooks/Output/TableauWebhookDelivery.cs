using System;
using TableauWebhooks.Client.Events;

namespace TableauWebhooks.Output
{
    /// <summary>An event as Receive-TableauWebhookEvent got it: the payload, and where and when it arrived.</summary>
    public sealed class TableauWebhookDelivery : TableauWebhookPayload
    {
        internal TableauWebhookDelivery(WebhookPayload payload, string path, string remoteAddress, DateTimeOffset receivedAt, string? userAgent, bool redelivered = false)
            : base(payload)
        {
            Path = path;
            RemoteAddress = remoteAddress;
            _receivedAt = receivedAt;
            UserAgent = userAgent;
            Redelivered = redelivered;
        }

        /// <summary>The path it was posted to, with the secret segment masked.</summary>
        public string Path { get; }
        /// <summary>The address it came from (Tableau's, or the reverse proxy's).</summary>
        public string RemoteAddress { get; }
        /// <summary>When it arrived: a DateTimeOffset that prints as ISO 8601 (IsoTimestamp), in Export-Csv too, whatever the culture.</summary>
        public System.Management.Automation.PSObject ReceivedAt => IsoTimestamp.FromOffset(_receivedAt)!;
        private readonly DateTimeOffset _receivedAt;
        /// <summary>ReceivedAt as the DateTimeOffset itself, for the module's own code (the spool names files by it).</summary>
        internal DateTimeOffset ReceivedAtOffset => _receivedAt;
        /// <summary>Tableau sends TableauWebhooks/1.0.</summary>
        public string? UserAgent { get; }
        /// <summary>
        /// True when an earlier run accepted it (answered 200) and kept it in -SpoolPath but did not finish writing it: this
        /// run writes it first. The earlier run's pipeline may have handled it in part, so a script can check this.
        /// </summary>
        public bool Redelivered { get; }
        /// <summary>The name of the site it happened on, read with -Session (or the default session); null without one.</summary>
        public string? SiteName { get; internal set; }
        /// <summary>The contentUrl of the site it happened on ("" for the Default site), read like SiteName; null without a session.</summary>
        public string? SiteContentUrl { get; internal set; }
    }
}
