using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Receive-TableauWebhookEvent over real HTTP and HTTPS: what it accepts and writes, what it refuses and how, how it
    /// stops, and the checks it makes before listening. The loop with the simulator firing events is in the Pester suite.
    /// </summary>
    public sealed class ReceiverTests : ModuleScope
    {
        private const string Secret = "s3cr3t-path-segment-0123456789";

        private static string Payload(string resourceName, string eventType = "DatasourceRefreshFailed")
            => "{\"resource\":\"DATASOURCE\",\"event_type\":\"" + eventType + "\",\"resource_name\":\"" + resourceName +
               "\",\"site_luid\":\"8b2a95d8-52b9-40a4-8712-cd6da771bd1b\",\"resource_luid\":\"" + Guid.NewGuid() + "\",\"created_at\":\"2026-11-30T06:00:00Z\"}";

        /// <summary>The cmdlet running in the test's runspace, and the URL it announced.</summary>
        private sealed class Receiver : IDisposable
        {
            private readonly PowerShell _ps;
            private readonly IAsyncResult _running;
            public PSDataCollection<PSObject> Output { get; } = new PSDataCollection<PSObject>();
            public Uri Url { get; }

            public Receiver(Runspace runspace, string arguments, string pipelineAfter = "")
            {
                _ps = PowerShell.Create();
                _ps.Runspace = runspace;
                _ps.AddScript("Receive-TableauWebhookEvent -Port 0 " + arguments + " -Verbose" + pipelineAfter);
                _running = _ps.BeginInvoke<PSObject, PSObject>(null, Output);
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (true)
                {
                    var said = _ps.Streams.Information.Select(i => i.MessageData?.ToString() ?? "").FirstOrDefault(m => m.StartsWith("Listening", StringComparison.Ordinal));
                    if (said != null)
                    {
                        Url = new Uri(Regex.Match(said, @"https?://\S+/").Value.TrimEnd('.'));
                        return;
                    }
                    if (_running.IsCompleted || DateTime.UtcNow > deadline)
                        throw new InvalidOperationException("The receiver did not start: " + string.Join("; ", _ps.Streams.Error.Select(e => e.ToString())));
                    Thread.Sleep(20);
                }
            }

            public IReadOnlyList<ErrorRecord> Errors => _ps.Streams.Error.ToList();
            public IReadOnlyList<string> Verbose => _ps.Streams.Verbose.Select(v => v.Message).ToList();

            public IReadOnlyList<PSObject> WaitForEnd(TimeSpan timeout)
            {
                Assert.True(_running.AsyncWaitHandle.WaitOne(timeout), "The receiver did not stop in time.");
                _ps.EndInvoke(_running);
                return Output.ToList();
            }

            public void Stop() => _ps.Stop();

            public void Dispose()
            {
                if (!_running.IsCompleted) _ps.Stop();
                _ps.Dispose();
            }
        }

        private static HttpClient Client(X509Certificate2? trust = null)
        {
            var handler = new HttpClientHandler();
            if (trust != null)
                handler.ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate != null && certificate.GetCertHashString() == trust.GetCertHashString();
            return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        }

        private static async Task<HttpResponseMessage> PostAsync(HttpClient client, Uri url, string body, string contentType = "application/json")
            => await client.PostAsync(url, new StringContent(body, Encoding.UTF8, contentType));

        [Fact]
        public async Task A_delivery_to_the_secret_path_is_written_with_where_and_when_it_arrived_and_answered_before_the_pipeline_runs()
        {
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 1", " | ForEach-Object { Start-Sleep -Seconds 2; $_ }");
            using var client = Client();

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var response = await PostAsync(client, receiver.Url, Payload("Sales"));
            var answeredIn = watch.Elapsed;

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(answeredIn < TimeSpan.FromSeconds(1.5), $"Answered after {answeredIn}: the pipeline's work must not delay the answer.");
            var delivery = Assert.Single(receiver.WaitForEnd(TimeSpan.FromSeconds(20)));
            Assert.Equal("TableauWebhooks.Output.TableauWebhookDelivery", delivery.BaseObject.GetType().FullName);
            Assert.Equal(("DatasourceRefreshFailed", "Sales", "127.0.0.1"),
                (delivery.Property<string>("Event"), delivery.Property<string>("ResourceName"), delivery.Property<string>("RemoteAddress")));
            Assert.Equal("/***/", delivery.Property<string>("Path"));
            Assert.DoesNotContain(Secret, string.Join("\n", receiver.Verbose));
            Assert.True(DateTimeOffset.UtcNow - delivery.Property<DateTimeOffset>("ReceivedAt") < TimeSpan.FromMinutes(1));
        }

        [Fact]
        public async Task Bad_deliveries_are_refused_with_the_right_status_and_the_good_ones_all_come_through()
        {
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 3 -MaximumBodyBytes 4096");
            using var client = Client();
            var wrongPath = new Uri(receiver.Url, "/not-the-secret/");

            var answers = new List<(string What, HttpStatusCode Status)>
            {
                ("wrong path", (await PostAsync(client, wrongPath, Payload("x"))).StatusCode),
                ("GET", (await client.GetAsync(receiver.Url)).StatusCode),
                ("text/plain", (await PostAsync(client, receiver.Url, Payload("x"), "text/plain")).StatusCode),
                ("huge body", (await PostAsync(client, receiver.Url, "{\"event_type\":\"" + new string('x', 1_000_000) + "\"}")).StatusCode),
                ("not JSON", (await PostAsync(client, receiver.Url, "<xml/>")).StatusCode),
                ("JSON, not Tableau's", (await PostAsync(client, receiver.Url, "{\"hello\":\"world\"}")).StatusCode),
                ("good 1", (await PostAsync(client, receiver.Url, Payload("one"))).StatusCode),
                ("good 2, chunked", (await client.PostAsync(receiver.Url, new ChunkedJson(Payload("two")))).StatusCode),
                ("good 3, prefix with no trailing slash", (await PostAsync(client, new Uri(receiver.Url.ToString().TrimEnd('/')), Payload("three"))).StatusCode),
            };

            Assert.Equal(new[] { HttpStatusCode.NotFound, HttpStatusCode.MethodNotAllowed, HttpStatusCode.UnsupportedMediaType, HttpStatusCode.RequestEntityTooLarge,
                HttpStatusCode.BadRequest, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK }, answers.Select(a => a.Status));
            Assert.Equal(new[] { "one", "two", "three" }, receiver.WaitForEnd(TimeSpan.FromSeconds(20)).Select(d => d.Property<string>("ResourceName")));
            Assert.Equal(6, receiver.Verbose.Count(v => v.StartsWith("Refused", StringComparison.Ordinal)));
        }

        /// <summary>A body sent with Transfer-Encoding: chunked, as some senders do.</summary>
        private sealed class ChunkedJson : HttpContent
        {
            private readonly byte[] _bytes;
            public ChunkedJson(string json)
            {
                _bytes = Encoding.UTF8.GetBytes(json);
                Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            }
            protected override async Task SerializeToStreamAsync(System.IO.Stream stream, TransportContext? context)
            {
                await stream.WriteAsync(_bytes.AsMemory(0, 10));
                await stream.FlushAsync();
                await stream.WriteAsync(_bytes.AsMemory(10));
            }
            protected override bool TryComputeLength(out long length)
            {
                length = -1;
                return false; // unknown length: HttpClient sends it chunked
            }
        }

        [Fact]
        public async Task A_repeated_payload_is_answered_200_and_dropped_unless_the_window_is_zero()
        {
            var payload = Payload("again");
            using (var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -TimeoutSec 3"))
            using (var client = Client())
            {
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, receiver.Url, payload)).StatusCode);
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(client, receiver.Url, payload)).StatusCode);
                Assert.Single(receiver.WaitForEnd(TimeSpan.FromSeconds(20)));
                Assert.Contains(receiver.Verbose, v => v.StartsWith("Dropped a repeated delivery of DatasourceRefreshFailed 'again'", StringComparison.Ordinal));
            }
            using (var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -TimeoutSec 3 -DuplicateWindowSec 0"))
            using (var client = Client())
            {
                await PostAsync(client, receiver.Url, payload);
                await PostAsync(client, receiver.Url, payload);
                Assert.Equal(2, receiver.WaitForEnd(TimeSpan.FromSeconds(20)).Count);
            }
        }

        [Fact]
        public async Task Beyond_Count_a_delivery_is_not_acknowledged_so_the_sender_tries_again()
        {
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 2");
            using var client = Client();
            var statuses = await Task.WhenAll(Enumerable.Range(1, 5).Select(async n =>
            {
                try
                {
                    return (int)(await PostAsync(client, receiver.Url, Payload("n" + n))).StatusCode;
                }
                catch (HttpRequestException)
                {
                    return 0; // refused: the listener had closed
                }
            }));

            var written = receiver.WaitForEnd(TimeSpan.FromSeconds(20));
            Assert.Equal(2, written.Count);
            Assert.Equal(2, statuses.Count(s => s == 200));
            Assert.All(statuses.Where(s => s != 200), s => Assert.True(s == 503 || s == 0, $"status {s}"));
        }

        [Fact]
        public async Task A_burst_of_a_thousand_posts_is_answered_and_every_one_written_once()
        {
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 1000");
            using var client = Client();
            using var gate = new SemaphoreSlim(64);

            var statuses = await Task.WhenAll(Enumerable.Range(1, 1000).Select(async n =>
            {
                await gate.WaitAsync();
                try
                {
                    return (await PostAsync(client, receiver.Url, Payload("burst-" + n))).StatusCode;
                }
                finally
                {
                    gate.Release();
                }
            }));

            Assert.All(statuses, s => Assert.Equal(HttpStatusCode.OK, s));
            var names = receiver.WaitForEnd(TimeSpan.FromSeconds(60)).Select(d => d.Property<string>("ResourceName")).ToList();
            Assert.Equal(1000, names.Count);
            Assert.Equal(1000, names.Distinct().Count());
        }

        [Fact]
        public async Task With_a_certificate_it_serves_https_and_plain_http_to_that_port_gets_nothing()
        {
            using var certificate = SelfSigned();
            Shell.SetVariable("receiverCertificate", certificate);
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Count 1 -Certificate $receiverCertificate");
            Assert.Equal("https", receiver.Url.Scheme);

            using (var plain = Client())
                await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostAsync(plain, new UriBuilder(receiver.Url) { Scheme = "http" }.Uri, Payload("plain")));
            using (var tls = Client(certificate))
                Assert.Equal(HttpStatusCode.OK, (await PostAsync(tls, receiver.Url, Payload("over-tls"))).StatusCode);

            Assert.Equal("over-tls", Assert.Single(receiver.WaitForEnd(TimeSpan.FromSeconds(20))).Property<string>("ResourceName"));
            Assert.Contains(receiver.Verbose, v => v.Contains("the TLS handshake failed"));
        }

        [Fact]
        public void A_sender_silent_past_the_deadline_in_the_TLS_handshake_is_dropped_and_noted_with_its_address()
        {
            using var certificate = SelfSigned();
            Shell.SetVariable("receiverCertificate", certificate);
            using var receiver = new Receiver(Shell.Runspace, $"-SecretPath {Secret} -Certificate $receiverCertificate -TimeoutSec 13");
            using var silent = new TcpClient();
            silent.Connect(IPAddress.Loopback, receiver.Url.Port); // and never says hello: the 10 s deadline closes it

            Assert.Empty(receiver.WaitForEnd(TimeSpan.FromSeconds(30)));
            Assert.Contains(receiver.Verbose, v => v.StartsWith("Refused a connection from 127.0.0.1: the TLS handshake failed", StringComparison.Ordinal));
        }

        [Fact]
        public async Task TimeoutSec_stops_it_and_Ctrl_C_stops_it_at_once_closing_the_port()
        {
            var watch = System.Diagnostics.Stopwatch.StartNew();
            using (var receiver = new Receiver(Shell.Runspace, "-TimeoutSec 1"))
                Assert.Empty(receiver.WaitForEnd(TimeSpan.FromSeconds(20)));
            Assert.InRange(watch.Elapsed, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10));

            Uri url;
            using (var receiver = new Receiver(Shell.Runspace, ""))
            {
                url = receiver.Url;
                watch.Restart();
                receiver.Stop();
                Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"Ctrl+C took {watch.Elapsed}.");
            }
            using var client = Client();
            await Assert.ThrowsAnyAsync<HttpRequestException>(() => PostAsync(client, url, Payload("late")));
        }

        [Fact]
        public void What_cannot_be_served_safely_is_refused_before_listening()
        {
            Run("Receive-TableauWebhookEvent -Address 0.0.0.0 -TimeoutSec 1").AssertSingleError("ReceiverNeedsTls", ErrorCategory.InvalidArgument);
            Run("Receive-TableauWebhookEvent -SecretPath 'short' -TimeoutSec 1").AssertSingleError("ReceiverPathTooShort", ErrorCategory.InvalidArgument);
            using var certificate = SelfSigned();
            using var publicOnly = new X509Certificate2(certificate.Export(X509ContentType.Cert));
            Shell.SetVariable("publicOnly", publicOnly);
            Run("Receive-TableauWebhookEvent -Certificate $publicOnly -TimeoutSec 1").AssertSingleError("ReceiverCertificateInvalid", ErrorCategory.InvalidArgument);

            var busy = new TcpListener(IPAddress.Loopback, 0);
            busy.Start();
            try
            {
                var port = ((IPEndPoint)busy.LocalEndpoint).Port;
                var error = Run("Receive-TableauWebhookEvent -Port $args[0] -TimeoutSec 1", port).AssertSingleError("ReceiverCannotListen", ErrorCategory.ResourceUnavailable);
                Assert.Contains(port.ToString(), error.Exception.Message);
            }
            finally
            {
                busy.Stop();
            }
        }

        private static X509Certificate2 SelfSigned()
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            // Round-trip through PFX so the key is usable by SslStream on every platform.
            return new X509Certificate2(created.Export(X509ContentType.Pfx));
        }
    }
}
