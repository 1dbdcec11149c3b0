using System;
using System.IO;
using System.Text;
using System.Text.Json;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Webhooks;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>
    /// The JSON mapping of tsRequest: no tsRequest wrapper, attributes as properties, empty elements as {}.
    /// isEnabled goes as the string "true"/"false", in lowercase, because that is how Tableau's own Postman collection sends it.
    /// </summary>
    internal static class JsonRequestWriter
    {
        /// <summary>The Content-Type and Accept media type of every request.</summary>
        public const string MediaType = "application/json";

        public static string SignIn(TableauSignInCredential credential, string siteContentUrl)
            => Write(w =>
            {
                w.WriteStartObject("credentials");
                switch (credential)
                {
                    case PasswordCredential p:
                        w.WriteString("name", p.UserName);
                        w.WriteString("password", TableauSignInCredential.Reveal(p.Password));
                        break;
                    case PersonalAccessTokenCredential t:
                        w.WriteString("personalAccessTokenName", t.TokenName);
                        w.WriteString("personalAccessTokenSecret", TableauSignInCredential.Reveal(t.TokenSecret));
                        break;
                    case JwtCredential j:
                        w.WriteString("jwt", TableauSignInCredential.Reveal(j.Jwt));
                        break;
                    default:
                        throw new ArgumentException("Unsupported credential type " + credential.GetType().Name);
                }
                WriteSite(w, siteContentUrl);
                w.WriteEndObject();
            });

        public static string SwitchSite(string siteContentUrl) => Write(w => WriteSite(w, siteContentUrl));

        public static string Webhook(WebhookBody body)
            => Write(w =>
            {
                w.WriteStartObject("webhook");
                if (body.Name != null) w.WriteString("name", body.Name);
                if (body.Enabled.HasValue) w.WriteString("isEnabled", body.Enabled.Value ? "true" : "false");
                if (body.StatusChangeReason != null) w.WriteString("statusChangeReason", body.StatusChangeReason);
                if (body.Event != null && body.UseEventAttribute) w.WriteString("event", body.Event.Name);
                if (body.Event != null && !body.UseEventAttribute)
                {
                    w.WriteStartObject("webhook-source");
                    w.WriteStartObject(body.Event.LegacyName);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                if (body.DestinationUrl != null)
                {
                    w.WriteStartObject("webhook-destination");
                    w.WriteStartObject("webhook-destination-http");
                    w.WriteString("method", "POST");
                    w.WriteString("url", body.DestinationUrl);
                    w.WriteEndObject();
                    w.WriteEndObject();
                }
                w.WriteEndObject();
            });

        private static void WriteSite(Utf8JsonWriter w, string contentUrl)
        {
            w.WriteStartObject("site");
            w.WriteString("contentUrl", contentUrl ?? "");
            w.WriteEndObject();
        }

        private static string Write(Action<Utf8JsonWriter> content)
        {
            using (var stream = new MemoryStream())
            {
                using (var w = new Utf8JsonWriter(stream))
                {
                    w.WriteStartObject();
                    content(w);
                    w.WriteEndObject();
                }
                return Encoding.UTF8.GetString(stream.ToArray());
            }
        }
    }
}
