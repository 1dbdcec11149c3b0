using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Webhooks;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>
    /// Writes tsRequest bodies. Requests are always JSON (<see cref="JsonRequestWriter"/>); ApiTransport takes the writer
    /// for its media type, which it sends as Content-Type and Accept, and hands it to the operations.
    /// </summary>
    internal interface IRequestWriter
    {
        /// <summary>The Content-Type and Accept media type of this format.</summary>
        string MediaType { get; }
        string SignIn(TableauSignInCredential credential, string siteContentUrl);
        string SwitchSite(string siteContentUrl);
        string Webhook(WebhookBody body);
    }
}
