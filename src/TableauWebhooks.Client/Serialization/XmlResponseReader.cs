using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Xml;
using System.Xml.Linq;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>Reads a tsResponse document. Elements match by local name in Tableau's namespace (current or legacy) or none.</summary>
    internal sealed class XmlResponseReader : IResponseReader
    {
        private static readonly string[] TableauNamespaces = { "", "http://tableau.com/api", "http://tableausoftware.com/api" };
        private readonly XElement _root;

        private XmlResponseReader(XElement root) => _root = root;

        public void Dispose() { }

        public static XmlResponseReader Parse(string body)
        {
            XDocument doc;
            try
            {
                // No DTDs: a response is data, never a reason to fetch or expand entities.
                var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
                using (var reader = XmlReader.Create(new StringReader(body), settings))
                    doc = XDocument.Load(reader);
            }
            catch (XmlException ex)
            {
                throw new UnreadableResponseException("the XML is not well formed (" + ex.Message + ")", ex);
            }
            if (doc.Root == null || !IsTableau(doc.Root, "tsResponse"))
                throw new UnreadableResponseException("the XML root is <" + doc.Root?.Name.LocalName + ">, not <tsResponse>");
            return new XmlResponseReader(doc.Root);
        }

        public ServerInfo ReadServerInfo()
        {
            var info = Require(_root, "serverInfo");
            var product = Child(info, "productVersion");
            var rest = Require(info, "restApiVersion");
            return new ServerInfo
            {
                ProductVersion = product?.Value.Trim() ?? "",
                RestApiVersion = VersionText.Parse(rest.Value, "restApiVersion"),
            };
        }

        public SignInResult ReadCredentials()
        {
            var credentials = Require(_root, "credentials");
            var site = Require(credentials, "site");
            var user = Require(credentials, "user");
            return new SignInResult
            {
                Token = RequireAttr(credentials, "token"),
                SiteId = RequireAttr(site, "id"),
                SiteContentUrl = Attr(site, "contentUrl") ?? "",
                UserId = RequireAttr(user, "id"),
                EstimatedTimeToExpiration = Attr(credentials, "estimatedTimeToExpiration"),
            };
        }

        public string? ReadUserName() => Attr(Child(_root, "user"), "name");

        public WebhookInfo ReadWebhook() => ToWebhook(Require(_root, "webhook"));

        public IReadOnlyList<WebhookInfo> ReadWebhooks()
        {
            var list = Require(_root, "webhooks");
            return list.Elements().Where(e => IsTableau(e, "webhook")).Select(ToWebhook).ToList();
        }

        public IReadOnlyList<SiteInfo> ReadSites()
        {
            var list = Require(_root, "sites");
            return list.Elements().Where(e => IsTableau(e, "site")).Select(ToSite).ToList();
        }

        public PageInfo? ReadPagination()
        {
            var p = Child(_root, "pagination");
            return p == null ? null : PageInfo.From(Attr(p, "pageNumber"), Attr(p, "pageSize"), Attr(p, "totalAvailable"));
        }

        public WebhookTestOutcome ReadTestResult()
        {
            var result = Require(_root, "webhookTestResult");
            return new WebhookTestOutcome
            {
                WebhookId = Attr(result, "id") ?? "",
                DestinationStatus = IntText.Parse(Attr(result, "status"), "webhookTestResult status"),
                Body = Child(result, "body")?.Value ?? "",
            };
        }

        public TableauErrorDocument? ReadError()
        {
            var error = Child(_root, "error");
            if (error == null) return null;
            return new TableauErrorDocument(Attr(error, "code"), Child(error, "summary")?.Value.Trim(), Child(error, "detail")?.Value.Trim());
        }

        private static WebhookInfo ToWebhook(XElement webhook)
        {
            var source = Child(webhook, "webhook-source")?.Elements().FirstOrDefault()?.Name.LocalName;
            WebhookEventNaming.Resolve(Attr(webhook, "event"), source, out var eventName, out var legacy);
            var http = Child(Child(webhook, "webhook-destination"), "webhook-destination-http");
            var owner = Child(webhook, "owner");
            // Servers below ApiGates.UpdateWebhook report no flag (every webhook is enabled); some XSDs called it "enabled".
            var enabled = Attr(webhook, "isEnabled") ?? Attr(webhook, "enabled");
            return new WebhookInfo
            {
                Id = Attr(webhook, "id") ?? "",
                Name = Attr(webhook, "name") ?? "",
                Event = eventName,
                LegacyEventName = legacy,
                DestinationUrl = Attr(http, "url") ?? "",
                Enabled = enabled == null || BoolText.Parse(enabled, "isEnabled"),
                StatusChangeReason = Attr(webhook, "statusChangeReason") ?? "",
                OwnerId = Attr(owner, "id"),
                OwnerName = Attr(owner, "name"),
                CreatedAt = DateText.Parse(Attr(webhook, "createdAt")),
                UpdatedAt = DateText.Parse(Attr(webhook, "updatedAt")),
            };
        }

        private static SiteInfo ToSite(XElement site) => new SiteInfo
        {
            Id = RequireAttr(site, "id"),
            Name = Attr(site, "name") ?? "",
            ContentUrl = Attr(site, "contentUrl") ?? "",
            State = Attr(site, "state"),
        };

        private static bool IsTableau(XElement e, string localName)
            => e.Name.LocalName == localName && Array.IndexOf(TableauNamespaces, e.Name.NamespaceName) >= 0;

        private static XElement? Child(XElement? parent, string localName)
            => parent?.Elements().FirstOrDefault(e => IsTableau(e, localName));

        private static XElement Require(XElement parent, string localName)
            => Child(parent, localName) ?? throw new UnreadableResponseException("<" + parent.Name.LocalName + "> has no <" + localName + "> element");

        private static string? Attr(XElement? e, string name) => e?.Attribute(name)?.Value;

        private static string RequireAttr(XElement e, string name)
        {
            var value = Attr(e, name);
            if (string.IsNullOrEmpty(value)) throw new UnreadableResponseException("<" + e.Name.LocalName + "> has no " + name + " attribute");
            return value!;
        }
    }
}
