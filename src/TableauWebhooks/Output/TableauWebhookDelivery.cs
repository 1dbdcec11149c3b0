using System;
using TableauWebhooks.Client.Events;

namespace TableauWebhooks.Output
{
    /// <summary>An event as Receive-TableauWebhookEvent got it: the payload, and where and when it arrived.</summary>
    public sealed class TableauWebhookDelivery : TableauWebhookPayload
    {
        internal TableauWebhookDelivery(WebhookPayload payload, string path, string remoteAddress, DateTimeOffset receivedAt, string? userAgent)
            : base(payload)
        {
            Path = path;
            RemoteAddress = remoteAddress;
            _receivedAt = receivedAt;
            UserAgent = userAgent;
        }

        /// <summary>The path it was posted to, with the secret segment masked.</summary>
        public string Path { get; }
        /// <summary>The address it came from (Tableau's, or the reverse proxy's).</summary>
        public string RemoteAddress { get; }
        /// <summary>When it arrived: a DateTimeOffset that prints as ISO 8601 (IsoTimestamp), in Export-Csv too, whatever the culture.</summary>
        public System.Management.Automation.PSObject ReceivedAt => IsoTimestamp.FromOffset(_receivedAt)!;
        private readonly DateTimeOffset _receivedAt;
        /// <summary>Tableau sends TableauWebhooks/1.0.</summary>
        public string? UserAgent { get; }
    }
}
