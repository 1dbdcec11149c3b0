using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Threading.Tasks;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>Receive-TableauWebhookEvent's https: a certificate Tableau would refuse is caught before listening, and TLS failures are noted as such.</summary>
    public sealed partial class ReceiverTests
    {
        private static X509Certificate2 CertificateValid(DateTimeOffset from, DateTimeOffset until, params string[] dnsNames)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=receiver-test", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            foreach (var name in dnsNames) names.AddDnsName(name);
            names.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(names.Build());
            using var created = request.CreateSelfSigned(from, until);
            return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
        }

        [Fact]
        public void A_certificate_out_of_its_dates_is_a_terminating_error_before_listening()
        {
            var now = DateTimeOffset.UtcNow;
            using var expired = CertificateValid(now.AddDays(-30), now.AddDays(-1), "localhost");
            using var notYet = CertificateValid(now.AddDays(1), now.AddDays(30), "localhost");
            Shell.SetVariable("expired", expired);
            Shell.SetVariable("notYet", notYet);

            var old = Run("Receive-TableauWebhookEvent -Certificate $expired -TimeoutSec 1").AssertSingleError("ReceiverCertificateInvalid", ErrorCategory.InvalidArgument);
            var early = Run("Receive-TableauWebhookEvent -Certificate $notYet -TimeoutSec 1").AssertSingleError("ReceiverCertificateInvalid", ErrorCategory.InvalidArgument);

            Assert.Contains($"expired on {expired.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC", old.Exception.Message);
            Assert.Contains(expired.Thumbprint, old.Exception.Message);
            Assert.Contains($"is not valid until {notYet.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm:ss} UTC", early.Exception.Message);
            Assert.EndsWith("Nothing was opened.", early.Exception.Message);
        }

        [Fact]
        public void A_certificate_not_for_the_HostName_given_is_a_warning_and_one_for_it_is_not()
        {
            var now = DateTimeOffset.UtcNow;
            using var certificate = CertificateValid(now.AddDays(-1), now.AddDays(30), "hooks.example.com", "*.internal.example.com");
            Shell.SetVariable("certificate", certificate);

            var other = Run("Receive-TableauWebhookEvent -Certificate $certificate -HostName tableau-hooks.example.org -TimeoutSec 0.2 -InformationVariable said; $said").AssertSucceeded();
            var named = Run("Receive-TableauWebhookEvent -Certificate $certificate -HostName hooks.example.com -TimeoutSec 0.2").AssertSucceeded();
            var wildcard = Run("Receive-TableauWebhookEvent -Certificate $certificate -HostName a.internal.example.com -TimeoutSec 0.2").AssertSucceeded();
            var deeper = Run("Receive-TableauWebhookEvent -Certificate $certificate -HostName a.b.internal.example.com -TimeoutSec 0.2").AssertSucceeded();
            var address = Run("Receive-TableauWebhookEvent -Certificate $certificate -HostName 127.0.0.1 -TimeoutSec 0.2").AssertSucceeded();

            var warning = Assert.Single(other.Warnings);
            Assert.StartsWith("The certificate 'CN=receiver-test' is not for 'tableau-hooks.example.org' (it is for: hooks.example.com, *.internal.example.com, 127.0.0.1).", warning);
            Assert.Contains(other.Output, o => o.ToString()!.Contains("https://tableau-hooks.example.org:"));
            Assert.Empty(named.Warnings);
            Assert.Empty(wildcard.Warnings);
            Assert.Single(deeper.Warnings); // a wildcard covers one label only
            Assert.Empty(address.Warnings);
        }

        [Fact]
        public async Task A_failed_TLS_handshake_is_noted_as_one_with_its_reason_and_an_https_client_on_the_http_port_is_told_so()
        {
            using var certificate = SelfSigned();
            Shell.SetVariable("receiverCertificate", certificate);
            using (var https = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Certificate $receiverCertificate -Count 1"))
            {
                // Plain http to the https port; a handshake record that is not one; a sender that does not trust the
                // certificate (under TLS 1.3 it checks it after the handshake has finished here, then closes).
                var plain = await ExchangeAsync(https.Url, PostBytes(https.Url.AbsolutePath, Payload("plain")));
                var junk = await ExchangeAsync(https.Url, new byte[] { 0x16, 0x03, 0x01, 0x00, 0x08, 1, 2, 3, 4, 5, 6, 7, 8 });
                using (var distrustful = Client())
                    await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostAsync(distrustful, https.Url, Payload("distrust")));
                using (var tls = Client(certificate))
                    Assert.Equal(HttpStatusCode.OK, (await PostAsync(tls, https.Url, Payload("over-tls"))).StatusCode);
                https.WaitForEnd(TimeSpan.FromSeconds(20));

                Assert.Equal(0, plain.Status);
                Assert.Equal(0, junk.Status);
                var notes = https.Verbose.Where(v => v.StartsWith("Refused a connection from 127.0.0.1: the TLS handshake failed: ", StringComparison.Ordinal)).ToList();
                Assert.True(notes.Count >= 2, string.Join(" | ", https.Verbose));
                Assert.Equal("Refused a connection from 127.0.0.1: the TLS handshake failed: the sender spoke plain http to this https port " +
                             "(is its URL http:// where it should be https://?).", notes[0]);
                Assert.True(notes[1].Length > "Refused a connection from 127.0.0.1: the TLS handshake failed: .".Length + 5, "No reason in: " + notes[1]);
                // TLS 1.3 (the default between .NET peers): the distrustful sender finished the handshake, then closed.
                Assert.True(notes.Count == 3 || https.Verbose.Contains("Closed a connection from 127.0.0.1: it finished the TLS handshake and closed without sending a request " +
                    "(what a sender that does not trust the certificate does)."), string.Join(" | ", https.Verbose));
                Assert.DoesNotContain(https.Verbose, v => v.Contains("400 Bad Request"));
            }

            using (var http = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -TimeoutSec 30"))
            {
                // An https client to the plain-http port.
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, http.Url.Port);
                using var tls = new SslStream(client.GetStream());
                await Assert.ThrowsAnyAsync<Exception>(() => tls.AuthenticateAsClientAsync("127.0.0.1"));
                http.WaitUntil(r => r.Verbose.Any(v => v.StartsWith("Refused a request", StringComparison.Ordinal)), TimeSpan.FromSeconds(20), "the refusal to be noted");
                http.Stop();
                Assert.Contains("Refused a request from 127.0.0.1: 400 Bad Request (not HTTP: the bytes of a TLS handshake, from an https client to this plain-http port).", http.Verbose);
            }
        }
    }
}
