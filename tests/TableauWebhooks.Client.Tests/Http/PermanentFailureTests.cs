using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Tests.Support;
using Xunit;
using static TableauWebhooks.Client.Tests.Resilience.StubScripts;

namespace TableauWebhooks.Client.Tests.Http
{
    /// <summary>
    /// Failures that are the same on every attempt are reported at once, with what is wrong: a host name that does not
    /// resolve, and a TLS handshake with a port that speaks plain HTTP. A refused connection (a restarting server) is
    /// still retried. Retries here would wait 10 s each, so one attempt is what the trace shows, not what a clock says.
    /// </summary>
    public class PermanentFailureTests
    {
        private static TableauClientOptions SlowRetries(Uri server, ConcurrentQueue<string> trace)
        {
            var options = Options(server, trace);
            options.RetryBaseDelay = TimeSpan.FromSeconds(10);
            options.MaxRetryDelay = TimeSpan.FromSeconds(10);
            return options;
        }

        [Fact]
        public async Task A_host_name_that_does_not_resolve_fails_on_the_first_attempt_and_says_so()
        {
            var trace = new ConcurrentQueue<string>();

            var error = await Assert.ThrowsAsync<TableauException>(() =>
                TableauRestClient.GetServerInfoAsync(SlowRetries(new Uri("https://no-such-host.invalid/"), trace), CancellationToken.None));

            Assert.Equal("ServerUnreachable", error.ErrorId);
            Assert.Contains("The host name 'no-such-host.invalid' does not resolve", error.Message);
            var attempt = Assert.Single(trace);
            Assert.Contains("host name not found", attempt);
            Assert.DoesNotContain("retry", attempt);
        }

        [Fact]
        public async Task Https_to_a_plain_http_port_fails_on_the_first_attempt_and_names_the_port()
        {
            using var server = new KeepAliveServer(TableauDocs.Server());
            var https = new UriBuilder(server.BaseUrl) { Scheme = "https" }.Uri;
            var trace = new ConcurrentQueue<string>();

            var error = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.GetServerInfoAsync(SlowRetries(https, trace), CancellationToken.None));

            Assert.Equal("ServerUnreachable", error.ErrorId);
            Assert.Contains($"port {https.Port} may not speak https", error.Message);
            Assert.DoesNotContain("certificate was not accepted", error.Message);
            var attempt = Assert.Single(trace);
            Assert.Contains("TLS handshake failed", attempt);
        }

        [Fact]
        public async Task A_refused_connection_is_still_retried()
        {
            var trace = new ConcurrentQueue<string>();
            var closed = new Uri($"http://127.0.0.1:{StubServer.FreePort()}/");

            var error = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.GetServerInfoAsync(Options(closed, trace), CancellationToken.None));

            Assert.Equal("ServerUnreachable", error.ErrorId);
            Assert.Equal(5, trace.Count(l => l.Contains("connection refused")));
            Assert.Contains("giving up after 5 attempts", trace.Last());
        }
    }
}
