using System;
using System.IO;
using System.Text;
using System.Xml;
using TableauWebhooks.Client.Auth;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>tsRequest documents without a namespace or declaration, as Tableau's samples, TSC and Postman send them.</summary>
    internal sealed class XmlRequestWriter : IRequestWriter
    {
        public string MediaType => "application/xml";

        public string SignIn(TableauSignInCredential credential, string siteContentUrl)
            => Write(w =>
            {
                w.WriteStartElement("credentials");
                switch (credential)
                {
                    case PasswordCredential p:
                        w.WriteAttributeString("name", p.UserName);
                        w.WriteAttributeString("password", TableauSignInCredential.Reveal(p.Password));
                        break;
                    case PersonalAccessTokenCredential t:
                        w.WriteAttributeString("personalAccessTokenName", t.TokenName);
                        w.WriteAttributeString("personalAccessTokenSecret", TableauSignInCredential.Reveal(t.TokenSecret));
                        break;
                    case JwtCredential j:
                        w.WriteAttributeString("jwt", TableauSignInCredential.Reveal(j.Jwt));
                        break;
                    default:
                        throw new ArgumentException("Unsupported credential type " + credential.GetType().Name);
                }
                WriteSite(w, siteContentUrl);
                w.WriteEndElement();
            });

        public string SwitchSite(string siteContentUrl) => Write(w => WriteSite(w, siteContentUrl));

        public string Webhook(WebhookBody body)
            => Write(w =>
            {
                w.WriteStartElement("webhook");
                if (body.Name != null) w.WriteAttributeString("name", body.Name);
                if (body.Enabled.HasValue) w.WriteAttributeString("isEnabled", RequestWriters.Bool(body.Enabled.Value));
                if (body.StatusChangeReason != null) w.WriteAttributeString("statusChangeReason", body.StatusChangeReason);
                if (body.Event != null && body.UseEventAttribute) w.WriteAttributeString("event", body.Event.Name);
                if (body.Event != null && !body.UseEventAttribute)
                {
                    w.WriteStartElement("webhook-source");
                    w.WriteStartElement(body.Event.LegacyName);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                if (body.DestinationUrl != null)
                {
                    w.WriteStartElement("webhook-destination");
                    w.WriteStartElement("webhook-destination-http");
                    w.WriteAttributeString("method", "POST");
                    w.WriteAttributeString("url", body.DestinationUrl);
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                w.WriteEndElement();
            });

        private static void WriteSite(XmlWriter w, string contentUrl)
        {
            w.WriteStartElement("site");
            w.WriteAttributeString("contentUrl", contentUrl ?? "");
            w.WriteEndElement();
        }

        private static string Write(Action<XmlWriter> content)
        {
            var sb = new StringBuilder();
            var settings = new XmlWriterSettings { OmitXmlDeclaration = true, Indent = false };
            using (var w = XmlWriter.Create(new StringWriter(sb), settings))
            {
                w.WriteStartElement("tsRequest");
                content(w);
                w.WriteEndElement();
            }
            return sb.ToString();
        }
    }
}
