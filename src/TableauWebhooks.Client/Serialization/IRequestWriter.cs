using TableauWebhooks.Client.Auth;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>Writes tsRequest bodies in one wire format.</summary>
    internal interface IRequestWriter
    {
        /// <summary>The Content-Type and Accept media type of this format.</summary>
        string MediaType { get; }
        string SignIn(TableauSignInCredential credential, string siteContentUrl);
        string SwitchSite(string siteContentUrl);
        string Webhook(WebhookBody body);
    }

    internal static class RequestWriters
    {
        public static IRequestWriter For(WireFormat format)
            => format == WireFormat.Xml ? (IRequestWriter)new XmlRequestWriter() : new JsonRequestWriter();

        // Tableau's own examples write booleans in lowercase.
        internal static string Bool(bool value) => value ? "true" : "false";
    }
}
