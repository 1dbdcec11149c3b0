using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;

namespace TableauWebhooks.Benchmarks
{
    /// <summary>
    /// Receive-TableauWebhookEvent under a slowloris attack vs Kestrel under the same: N connections that each finish a
    /// TLS handshake, then send one byte of a request head every 3 s and never finish it (reconnecting as soon as they are
    /// closed), while one real delivery a second is posted, each on a new connection as Tableau does. Kestrel is the
    /// simulator's built-in receiver (https, /hooks/...), ours the cmdlet in a hosted runspace with a certificate of the
    /// same kind (self-signed P-256), both in this process, one after the other. The attackers run in a child process, as
    /// an attacker is never inside the receiver's process: their TLS handshakes then take turns with the receiver's on the
    /// machine's cores, not in its thread pool's queue. Goals (issue 22): every delivery answered,
    /// ours' worst latency at most 1 s and at most 3x Kestrel's.
    /// </summary>
    internal static class ReceiverBenchmark
    {
        private static readonly TimeSpan ByteInterval = TimeSpan.FromSeconds(3);
        private const string Secret = "benchmark-secret-path-0123456789";

        public static IEnumerable<Row> Run(Plan plan, SimulatorHost simulator)
        {
            var kestrel = Measure(plan, new Uri(simulator.ReceiverBaseUrl, "hooks/benchmark/"));
            Result ours;
            using (var certificate = Certificate())
            using (var shell = HostedPowerShell.WithModule())
            using (var ps = PowerShell.Create())
            {
                ps.Runspace = shell.Runspace;
                ps.AddScript("Receive-TableauWebhookEvent -Port 0 -Certificate $args[0] -SecretPath $args[1] -TimeoutSec $args[2] | Out-Null")
                    .AddArgument(certificate).AddArgument(Secret).AddArgument(plan.ReceiverSeconds + 120);
                var running = ps.BeginInvoke();
                try
                {
                    ours = Measure(plan, WaitForUrl(ps, running));
                }
                finally
                {
                    ps.Stop();
                }
            }

            var delivered = $"{plan.ReceiverSeconds} deliveries, 1/s, each on a new TLS connection";
            var attack = $"{plan.ReceiverSlowConnections} slow connections (TLS, then 1 head byte every {ByteInterval.TotalSeconds:0} s, reconnecting when closed)";
            string Describe(Result r) => $"{r.Answered}/{r.Sent} answered 200, median {r.Median:0} ms, worst {r.Worst:0} ms, {r.SlowConnections} slow connections made, over 500 ms: {r.Slow}";
            var note = $"{delivered} amid {attack}. Ours: {Describe(ours)}. Kestrel: {Describe(kestrel)}.";
            yield return new Row($"receiver: worst delivery latency amid {plan.ReceiverSlowConnections} slow connections, vs Kestrel",
                $"{ours.Worst:0} ms ({ours.Answered}/{ours.Sent} answered)", $"Kestrel {kestrel.Worst:0} ms ({kestrel.Answered}/{kestrel.Sent} answered)",
                ours.Answered < ours.Sent ? 999 : ours.Worst / Math.Max(kestrel.Worst, 1), 3.0, note);
            yield return new Row($"receiver: worst delivery latency amid {plan.ReceiverSlowConnections} slow connections, absolute",
                $"{ours.Worst:0} ms", "1000 ms (Tableau allows 3 s)", ours.Answered < ours.Sent ? 999 : ours.Worst / 1000, 1.0);
        }

        /// <summary>Slow: the deliveries that took over 500 ms, as "#n: ms" (n counts from 1, one a second).</summary>
        private sealed record Result(int Sent, int Answered, double Median, double Worst, int SlowConnections, string Slow);

        private static Result Measure(Plan plan, Uri url)
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (var argument in new[] { typeof(ReceiverBenchmark).Assembly.Location, "--slowloris", url.Port.ToString(), plan.ReceiverSlowConnections.ToString() })
                start.ArgumentList.Add(argument);
            using var attackers = Process.Start(start) ?? throw new InvalidOperationException("Could not start the slow connections' process.");
            var connections = 0;
            var reader = Task.Run(() =>
            {
                string? line;
                while ((line = attackers.StandardOutput.ReadLine()) != null)
                    if (int.TryParse(line, out var made)) Volatile.Write(ref connections, made);
            });
            try
            {
                var clock = Stopwatch.StartNew();
                while (Volatile.Read(ref connections) < plan.ReceiverSlowConnections && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(50);
                Thread.Sleep(plan.ReceiverAttackLead); // every slow connection has sent a byte or two: the attack is on

                using var handler = new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } };
                using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
                var posts = new List<Task<double>>();
                var started = Stopwatch.StartNew();
                for (var n = 0; n < plan.ReceiverSeconds; n++)
                {
                    var due = TimeSpan.FromSeconds(n) - started.Elapsed;
                    if (due > TimeSpan.Zero) Thread.Sleep(due);
                    posts.Add(PostAsync(http, url, n));
                }
                var latencies = Task.WhenAll(posts).GetAwaiter().GetResult();
                var answered = latencies.Where(l => l >= 0).ToList();
                var slowOnes = string.Join(", ", latencies.Select((l, i) => (l, i)).Where(x => x.l > 500 || x.l < 0).Select(x => $"#{x.i + 1}: {(x.l < 0 ? "not answered" : $"{x.l:0} ms")}"));
                return new Result(latencies.Length, answered.Count, answered.Count == 0 ? double.NaN : Program.Median(answered),
                    answered.Count == 0 ? double.NaN : answered.Max(), Volatile.Read(ref connections), slowOnes.Length == 0 ? "none" : slowOnes);
            }
            finally
            {
                attackers.StandardInput.Close(); // its signal to stop
                if (!attackers.WaitForExit(10_000)) attackers.Kill(entireProcessTree: true);
                reader.Wait(TimeSpan.FromSeconds(5));
            }
        }

        /// <summary>
        /// The attackers' process: <paramref name="count"/> slow connections to the port until standard input closes,
        /// printing how many connections were made so far, once a quarter second.
        /// </summary>
        public static int Slowloris(int port, int count)
        {
            using var stop = new CancellationTokenSource();
            var connections = 0;
            var url = new Uri($"https://127.0.0.1:{port}/");
            var slow = Enumerable.Range(0, count).Select(_ => Task.Run(() => TrickleAsync(url, () => Interlocked.Increment(ref connections), stop.Token))).ToList();
            var input = Task.Run(() => Console.In.ReadToEnd());
            while (!input.Wait(250)) Console.WriteLine(Volatile.Read(ref connections));
            Console.WriteLine(Volatile.Read(ref connections));
            stop.Cancel();
            Task.WhenAll(slow).Wait(TimeSpan.FromSeconds(5));
            return 0;
        }

        /// <summary>Milliseconds to a 200, or -1 for anything else.</summary>
        private static async Task<double> PostAsync(HttpClient http, Uri url, int n)
        {
            var payload = "{\"resource\":\"DATASOURCE\",\"event_type\":\"DatasourceRefreshSucceeded\",\"resource_name\":\"bench-" + n +
                          "\",\"site_luid\":\"8b2a95d8-52b9-40a4-8712-cd6da771bd1b\",\"resource_luid\":\"" + Guid.NewGuid() + "\",\"created_at\":\"2026-12-01T06:00:00Z\"}";
            using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
            request.Headers.ConnectionClose = true; // a new connection, TLS handshake included, for every delivery
            var clock = Stopwatch.StartNew();
            try
            {
                using var response = await http.SendAsync(request).ConfigureAwait(false);
                return response.StatusCode == HttpStatusCode.OK ? clock.Elapsed.TotalMilliseconds : -1;
            }
            catch (Exception ex) when (ex is HttpRequestException || ex is TaskCanceledException)
            {
                return -1;
            }
        }

        private static readonly byte[] Head = Encoding.ASCII.GetBytes("POST /hooks/slow HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nX-Slow: " + new string('a', 1000));

        private static async Task TrickleAsync(Uri url, Action connected, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                try
                {
                    using var client = new TcpClient();
                    await client.ConnectAsync(IPAddress.Loopback, url.Port, stop).ConfigureAwait(false);
                    using var tls = new SslStream(client.GetStream(), false, (_, _, _, _) => true);
                    await tls.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "localhost" }, stop).ConfigureAwait(false);
                    connected();
                    var closed = tls.ReadAsync(new byte[256], stop).AsTask();
                    for (var at = 0; at < Head.Length && !stop.IsCancellationRequested; at++)
                    {
                        await tls.WriteAsync(Head.AsMemory(at, 1), stop).ConfigureAwait(false);
                        if (await Task.WhenAny(closed, Task.Delay(ByteInterval, stop)).ConfigureAwait(false) == closed) break;
                    }
                }
                catch (Exception ex) when (ex is IOException || ex is SocketException || ex is OperationCanceledException || ex is System.Security.Authentication.AuthenticationException)
                {
                    if (!stop.IsCancellationRequested) await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
                }
            }
        }

        private static Uri WaitForUrl(PowerShell ps, IAsyncResult running)
        {
            var clock = Stopwatch.StartNew();
            while (clock.Elapsed < TimeSpan.FromSeconds(60))
            {
                var said = ps.Streams.Information.FirstOrDefault(i => (i.MessageData?.ToString() ?? "").StartsWith("Listening", StringComparison.Ordinal));
                if (said != null) return new Uri(Regex.Match(said.MessageData.ToString()!, @"https://\S+/").Value);
                if (running.IsCompleted) break;
                Thread.Sleep(20);
            }
            throw new InvalidOperationException("The receiver did not start: " + string.Join("; ", ps.Streams.Error.Select(e => e.ToString())));
        }

        /// <summary>Like the simulator's receiver certificate: self-signed P-256 for 127.0.0.1 and localhost.</summary>
        private static X509Certificate2 Certificate()
        {
            using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            var request = new CertificateRequest("CN=receiver benchmark", key, HashAlgorithmName.SHA256);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), password: null);
        }
    }
}
