using System;
using System.Collections.Generic;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Sites
{
    /// <summary>One site's webhooks as read, or why they could not be.</summary>
    internal sealed class SiteWebhooks
    {
        public SiteWebhooks(string site, string siteId, IReadOnlyList<WebhookInfo> webhooks)
        {
            Site = site;
            SiteId = siteId;
            Webhooks = webhooks;
        }

        public SiteWebhooks(string site, TableauException error)
        {
            Site = site;
            SiteId = "";
            Webhooks = Array.Empty<WebhookInfo>();
            Error = error;
        }

        /// <summary>The site's contentUrl as the server spells it ("" is the Default site).</summary>
        public string Site { get; }
        public string SiteId { get; }
        public IReadOnlyList<WebhookInfo> Webhooks { get; }
        public TableauException? Error { get; }
    }
}
