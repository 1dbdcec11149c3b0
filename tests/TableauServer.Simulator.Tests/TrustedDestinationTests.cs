using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using System.Xml.Linq;
using TableauServer.Simulator.Tests.Infrastructure;
using Xunit;

namespace TableauServer.Simulator.Tests;

/// <summary>
/// Webhook destinations other than the built-in receiver: a self-signed https listener on loopback is refused like on
/// Tableau until the test trusts its certificate, and then only for the host name it was issued to.
/// </summary>
public sealed class TrustedDestinationTests : SimulatorTest
{
    protected override void Configure(SimulatorOptions options) => options.DeliveryRetryDelay = TimeSpan.FromMilliseconds(20);

    private Task<HttpResponseMessage> PostTrustAsync(string body) =>
        Http.PostAsync("_simulator/trusted-certificates", new StringContent(body, Encoding.UTF8, "application/json"));

    private async Task<string> TrustThroughControlApiAsync(X509Certificate2 certificate)
    {
        using var response = await PostTrustAsync(JsonSerializer.Serialize(new { certificate = certificate.ExportCertificatePem() }));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await JsonAsync(response)).GetProperty("thumbprint").GetString()!;
    }

    private async Task<JsonElement> ListTrustedAsync()
    {
        using var response = await Http.GetAsync("_simulator/trusted-certificates");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await JsonAsync(response);
    }

    private async Task<XElement> GetWebhookAsync(Credentials credentials, string id)
    {
        using var response = await SendAsync(HttpMethod.Get, $"{Webhooks(credentials)}/{id}", credentials.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await XmlAsync(response)).Element(Ns + "webhook")!;
    }

    /// <summary>Test Webhook's result: the destination's status and body, or 408 and why nothing answered.</summary>
    private async Task<(string Status, string Body)> TestWebhookAsync(string url)
    {
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin, url: url);
        using var response = await SendAsync(HttpMethod.Get, $"{Webhooks(admin)}/{id}/test", admin.Token);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = (await XmlAsync(response)).Element(Ns + "webhookTestResult")!;
        return (result.Attribute("status")!.Value, result.Element(Ns + "body")!.Value);
    }

    [Fact]
    public async Task Untrusted_destination_fails_all_four_attempts_and_is_disabled_then_gets_events_once_trusted()
    {
        using var certificate = TestCertificates.ForLoopback();
        await using var destination = await HttpsDestination.StartAsync(certificate);
        var admin = await SignInAsync();
        var id = await CreateWebhookAsync(admin, "own-listener", "WorkbookCreated", destination.Url("events"));

        var refused = Assert.Single((await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookCreated\"}")).GetProperty("deliveries").EnumerateArray());

        Assert.Equal(4, refused.GetProperty("attempts").GetInt32());
        Assert.All(refused.GetProperty("statuses").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.ValueKind));
        Assert.False(refused.GetProperty("delivered").GetBoolean());
        Assert.True(refused.GetProperty("disabled").GetBoolean());
        Assert.Contains("not trusted by the simulator", refused.GetProperty("lastFailure").GetString());
        Assert.Empty(destination.Received);
        var disabled = await GetWebhookAsync(admin, id);
        Assert.Equal("false", disabled.Attribute("isEnabled")!.Value);
        Assert.Equal(Host.Options.AutoDisableReason, disabled.Attribute("statusChangeReason")!.Value);

        await TrustThroughControlApiAsync(certificate);
        using (var enable = await SendAsync(HttpMethod.Put, $"{Webhooks(admin)}/{id}", admin.Token, "<tsRequest><webhook isEnabled=\"true\" /></tsRequest>"))
        {
            Assert.True(enable.IsSuccessStatusCode);
        }

        var delivered = Assert.Single((await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookCreated\",\"resourceName\":\"Book\"}")).GetProperty("deliveries").EnumerateArray());

        Assert.True(delivered.GetProperty("delivered").GetBoolean());
        Assert.Equal(1, delivered.GetProperty("attempts").GetInt32());
        var (path, body) = Assert.Single(destination.Received);
        Assert.Equal("/events", path);
        using var payload = JsonDocument.Parse(body);
        Assert.Equal("WorkbookCreated", payload.RootElement.GetProperty("event_type").GetString());
        Assert.Equal("Book", payload.RootElement.GetProperty("resource_name").GetString());
        var enabled = await GetWebhookAsync(admin, id);
        Assert.Equal("true", enabled.Attribute("isEnabled")!.Value);
        Assert.Empty(Host.State.Deliveries); // the built-in receiver was not involved
    }

    [Fact]
    public async Task Test_webhook_to_an_untrusted_destination_is_408_with_the_tls_reason_until_it_is_trusted()
    {
        using var certificate = TestCertificates.ForLoopback();
        await using var destination = await HttpsDestination.StartAsync(certificate);

        var (refusedStatus, refusedBody) = await TestWebhookAsync(destination.Url("test"));
        await TrustThroughControlApiAsync(certificate);
        var (status, body) = await TestWebhookAsync(destination.Url("test"));

        Assert.Equal("408", refusedStatus);
        Assert.StartsWith("unable to connect to the url: The SSL connection could not be established", refusedBody);
        Assert.Contains("RemoteCertificateChainErrors", refusedBody);
        Assert.Contains(TestCertificates.Sha256Thumbprint(certificate) + " is not trusted by the simulator", refusedBody);
        Assert.Equal(("200", "received"), (status, body));
        Assert.Equal("{}", Assert.Single(destination.Received).Body);
    }

    [Fact]
    public async Task Trusting_answers_201_with_the_sha256_thumbprint_and_the_list_shows_it_beside_the_receivers_pin()
    {
        using var pem = TestCertificates.ForLoopback();
        using var der = TestCertificates.ForLoopback();

        var pemThumbprint = await TrustThroughControlApiAsync(pem);
        using var derResponse = await PostTrustAsync(JsonSerializer.Serialize(new { certificate = Convert.ToBase64String(der.RawData) }));
        var listed = await ListTrustedAsync();

        Assert.Equal(TestCertificates.Sha256Thumbprint(pem), pemThumbprint);
        Assert.Matches("^[0-9A-F]{64}$", pemThumbprint);
        Assert.Equal(HttpStatusCode.Created, derResponse.StatusCode);
        Assert.Equal(TestCertificates.Sha256Thumbprint(der), (await JsonAsync(derResponse)).GetProperty("thumbprint").GetString());
        Assert.Equal(new[] { pemThumbprint, TestCertificates.Sha256Thumbprint(der) },
            listed.GetProperty("thumbprints").EnumerateArray().Select(t => t.GetString()));
        Assert.Matches("^[0-9A-F]{64}$", listed.GetProperty("receiverThumbprint").GetString());
        Assert.Equal(Host.State.TrustedCertificateThumbprints, listed.GetProperty("thumbprints").EnumerateArray().Select(t => t.GetString()));
    }

    [Theory]
    [InlineData("not json", "must be a JSON object")]
    [InlineData("{}", "No certificate given")]
    [InlineData("{\"certificate\":\"   \"}", "No certificate given")]
    [InlineData("{\"certificate\":\"hello, world\"}", "neither PEM nor base64")]
    [InlineData("{\"certificate\":\"aGVsbG8sIHdvcmxk\"}", "not an X.509 certificate")]
    [InlineData("{\"certificate\":\"-----BEGIN CERTIFICATE-----\\nbm90IGEgY2VydA==\\n-----END CERTIFICATE-----\\n\"}", "no readable certificate")]
    [InlineData("{\"certificate\":\"-----BEGIN PUBLIC KEY-----\\nbm90IGEgY2VydA==\\n-----END PUBLIC KEY-----\\n\"}", "no CERTIFICATE block")]
    public async Task Junk_is_a_400_with_a_clear_message_and_trusts_nothing(string body, string expectedMessage)
    {
        using var response = await PostTrustAsync(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(expectedMessage, (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.Empty(Host.State.TrustedCertificateThumbprints);
    }

    [Fact]
    public async Task A_pem_bundle_is_refused_because_the_leaf_to_pin_would_be_ambiguous()
    {
        using var first = TestCertificates.ForLoopback();
        using var second = TestCertificates.ForLoopback();

        using var response = await PostTrustAsync(JsonSerializer.Serialize(new { certificate = first.ExportCertificatePem() + "\n" + second.ExportCertificatePem() }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("holds 2 certificates", (await JsonAsync(response)).GetProperty("error").GetString());
        Assert.Empty(Host.State.TrustedCertificateThumbprints);
    }

    [Fact]
    public async Task Delete_forgets_trusted_certificates_but_the_receivers_pin_stays()
    {
        using var certificate = TestCertificates.ForLoopback();
        await using var destination = await HttpsDestination.StartAsync(certificate);
        await TrustThroughControlApiAsync(certificate);
        var receiverThumbprint = (await ListTrustedAsync()).GetProperty("receiverThumbprint").GetString();

        using var delete = await Http.DeleteAsync("_simulator/trusted-certificates");
        var listed = await ListTrustedAsync();
        var (destinationStatus, _) = await TestWebhookAsync(destination.Url("after-delete"));
        var (receiverStatus, _) = await TestWebhookAsync(ReceiverUrl("after-delete"));

        Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.Empty(listed.GetProperty("thumbprints").EnumerateArray());
        Assert.Equal(receiverThumbprint, listed.GetProperty("receiverThumbprint").GetString());
        Assert.Equal("408", destinationStatus);
        Assert.Empty(destination.Received);
        Assert.Equal("200", receiverStatus);
    }

    [Fact]
    public async Task Host_TrustCertificate_trusts_in_process_and_ClearTrustedCertificates_forgets()
    {
        using var certificate = TestCertificates.ForLoopback();
        await using var destination = await HttpsDestination.StartAsync(certificate);

        var thumbprint = Host.TrustCertificate(certificate);
        var (trustedStatus, _) = await TestWebhookAsync(destination.Url("in-process"));
        Host.ClearTrustedCertificates();
        var (clearedStatus, _) = await TestWebhookAsync(destination.Url("in-process"));

        Assert.Equal(TestCertificates.Sha256Thumbprint(certificate), thumbprint);
        Assert.Equal("200", trustedStatus);
        Assert.Equal("408", clearedStatus);
        Assert.Single(destination.Received);
    }

    [Fact]
    public async Task A_trusted_certificate_for_another_host_name_is_still_refused()
    {
        using var certificate = TestCertificates.ForName("destination.invalid");
        await using var destination = await HttpsDestination.StartAsync(certificate);
        Host.TrustCertificate(certificate);
        var admin = await SignInAsync();
        await CreateWebhookAsync(admin, "wrong-name", "WorkbookDeleted", destination.Url("wrong-name"));

        var (status, body) = await TestWebhookAsync(destination.Url("wrong-name"));
        var delivery = Assert.Single((await FireEventAsync("{\"site\":\"\",\"event\":\"WorkbookDeleted\"}")).GetProperty("deliveries").EnumerateArray());

        Assert.Equal("408", status);
        Assert.Contains("does not match the host name '127.0.0.1'", body);
        Assert.Equal(4, delivery.GetProperty("attempts").GetInt32());
        Assert.True(delivery.GetProperty("disabled").GetBoolean());
        Assert.Empty(destination.Received);
    }

    [Fact]
    public async Task An_expired_trusted_certificate_is_still_refused()
    {
        using var certificate = TestCertificates.ExpiredForLoopback();
        await using var destination = await HttpsDestination.StartAsync(certificate);
        Host.TrustCertificate(certificate);

        var (status, body) = await TestWebhookAsync(destination.Url("expired"));

        Assert.Equal("408", status);
        Assert.Contains("outside its validity period", body);
        Assert.Empty(destination.Received);
    }
}
