using System;
using System.Management.Automation;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Output
{
    /// <summary>
    /// A Tableau webhook as the cmdlets return it. Event is always the new-style name. Every public property is a flat
    /// value, so Export-Csv and ConvertTo-Json write what someone exporting webhooks wants; the session it was read
    /// through is kept out of them (GetSession() returns it) and shown as the Server's address.
    /// </summary>
    public sealed class TableauWebhook
    {
        internal TableauWebhook(WebhookInfo info, TableauSession session) : this(info, session, session.Site, session.SiteId)
        {
        }

        /// <summary>A webhook of <paramref name="site"/>, read through <paramref name="session"/> (which may be on another site).</summary>
        internal TableauWebhook(WebhookInfo info, TableauSession session, string site, string siteId)
        {
            Id = Guid.TryParse(info.Id, out var id) ? id : Guid.Empty;
            Name = info.Name;
            Event = info.Event;
            LegacyEventName = info.LegacyEventName;
            DestinationUrl = info.DestinationUrl;
            Enabled = info.Enabled;
            StatusChangeReason = info.StatusChangeReason;
            OwnerId = info.OwnerId;
            OwnerName = info.OwnerName;
            _createdAt = info.CreatedAt;
            _updatedAt = info.UpdatedAt;
            Site = site;
            SiteId = siteId;
            Server = session.Server.AbsoluteUri;
            Session = session;
        }

        public Guid Id { get; }
        public string Name { get; }
        public string Event { get; }
        public string? LegacyEventName { get; }
        public string DestinationUrl { get; }
        public bool Enabled { get; }
        public string StatusChangeReason { get; }
        public string? OwnerId { get; }
        public string? OwnerName { get; }
        // Wrapped when read, not stored wrapped: a list of thousands of webhooks keeps only the DateTimeOffsets.
        private readonly DateTimeOffset? _createdAt;
        private readonly DateTimeOffset? _updatedAt;

        /// <summary>When it was created: a UTC DateTime that prints as ISO 8601 (see IsoTimestamp).</summary>
        public PSObject? CreatedAt => IsoTimestamp.From(_createdAt);
        /// <summary>When it last changed: a UTC DateTime that prints as ISO 8601 (see IsoTimestamp).</summary>
        public PSObject? UpdatedAt => IsoTimestamp.From(_updatedAt);
        /// <summary>The contentUrl of the site the webhook lives on ("" is the Default site).</summary>
        public string Site { get; }
        /// <summary>The LUID of that site.</summary>
        public string SiteId { get; }
        /// <summary>The address of the server it lives on.</summary>
        public string Server { get; }

        /// <summary>The session it was read through, so piping it on reaches the same server; calls go to its own Site.</summary>
        internal TableauSession Session { get; }

        /// <summary>The session this webhook was read through (a method, so serializers leave it out).</summary>
        public TableauSession GetSession() => Session;

        public override string ToString() => $"{Name} ({Id})";
    }
}
