using System.Threading;
using System.Threading.Tasks;

namespace TableauServer.Simulator.Delivery;

/// <summary>Test Webhook: "sends an empty payload to the configured destination URL and returns the response".</summary>
internal sealed class WebhookTester
{
    /// <summary>
    /// The exact bytes of Tableau's "empty payload" are UNVERIFIED; the simulator sends an empty JSON object,
    /// which receivers that parse JSON can accept.
    /// </summary>
    public const string TestPayload = "{}";

    private readonly WebhookSender sender;

    public WebhookTester(WebhookSender sender) => this.sender = sender;

    /// <summary>
    /// The destination's status and body; when no HTTP answer arrives, a synthesised 408 with
    /// "unable to connect to the url: …", as users report from real servers.
    /// </summary>
    public async Task<(int Status, string Body)> TestAsync(WebhookSnapshot webhook, CancellationToken cancellationToken)
    {
        var outcome = await sender.PostJsonAsync(webhook.Url, TestPayload, cancellationToken);
        return outcome.StatusCode is { } status
            ? (status, outcome.Body)
            : (408, "unable to connect to the url: " + outcome.FailureReason);
    }
}
