using System;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;
using Xunit;

namespace TableauWebhooks.Client.Tests.Simulator
{
    /// <summary>
    /// The simulator's https receiver has a self-signed certificate: a handy server to prove the certificate check is
    /// on by default and that SkipCertificateCheck turns it off for this client only.
    /// </summary>
    public class CertificateTests
    {
        [Fact]
        public async Task Untrusted_certificate_fails_unless_skipped_for_this_client()
        {
            await using var host = await SimulatorSession.StartAsync();
            var server = new Uri(host.ReceiverBaseUrl.GetLeftPart(UriPartial.Authority));

            var strict = new TableauClientOptions { ServerUrl = server, NoProxy = true, Timeout = TimeSpan.FromSeconds(10) };
            var refused = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.GetServerInfoAsync(strict, CancellationToken.None));
            Assert.Equal(TableauErrorKind.Connection, refused.Kind);
            Assert.Equal("ServerUnreachable", refused.ErrorId);
            Assert.Contains("certificate", refused.Message);

            // With the check skipped the TLS handshake succeeds; the receiver is no Tableau server, so the answer is unreadable.
            var lenient = new TableauClientOptions { ServerUrl = server, NoProxy = true, SkipCertificateCheck = true, Timeout = TimeSpan.FromSeconds(10) };
            var answered = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.GetServerInfoAsync(lenient, CancellationToken.None));
            Assert.NotEqual(TableauErrorKind.Connection, answered.Kind);
            Assert.True(answered.HttpStatus > 0);

            // And the lenient client did not loosen anything process-wide.
            var again = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.GetServerInfoAsync(strict, CancellationToken.None));
            Assert.Equal(TableauErrorKind.Connection, again.Kind);
        }
    }
}
