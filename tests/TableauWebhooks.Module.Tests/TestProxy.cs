using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// A small HTTP forward proxy on loopback for plain-http targets (absolute-form requests), optionally demanding
    /// Basic proxy authentication, that records what it forwarded. Enough to prove a session really goes through it.
    /// </summary>
    internal sealed class TestProxy : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly HttpClient _upstream = new HttpClient(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false });
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private readonly string? _expectedAuthorization;
        // Where requests for a name that resolves nowhere really go: a server "on another machine" that is the simulator.
        private readonly Func<string, string>? _upstreamFor;

        public TestProxy(string? userName = null, string? password = null, Func<string, string>? upstreamFor = null)
        {
            _upstreamFor = upstreamFor;
            if (userName != null)
                _expectedAuthorization = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(userName + ":" + password));
            _listener.Start();
            _ = AcceptLoopAsync();
        }

        public Uri Address => new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

        /// <summary>Absolute URIs of the requests forwarded upstream.</summary>
        public ConcurrentQueue<string> Forwarded { get; } = new ConcurrentQueue<string>();

        /// <summary>How many requests were refused with 407 for missing or wrong credentials.</summary>
        public int ChallengesSent => _challenges;
        private int _challenges;

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                catch (Exception) { return; }
                _ = ServeAsync(client);
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            using (client)
            {
                var stream = client.GetStream();
                try
                {
                    while (await ReadRequestAsync(stream) is { } request)
                        await RespondAsync(stream, request);
                }
                catch (IOException) { }
                catch (ObjectDisposedException) { }
            }
        }

        private async Task RespondAsync(NetworkStream stream, (string Method, string Target, Dictionary<string, string> Headers, byte[] Body) request)
        {
            if (_expectedAuthorization != null &&
                (!request.Headers.TryGetValue("Proxy-Authorization", out var given) || given != _expectedAuthorization))
            {
                Interlocked.Increment(ref _challenges);
                await WriteAsync(stream, 407, "Proxy Authentication Required", new Dictionary<string, string> { ["Proxy-Authenticate"] = "Basic realm=\"test\"" }, Array.Empty<byte>());
                return;
            }

            Forwarded.Enqueue(request.Target);
            using var upstreamRequest = new HttpRequestMessage(new HttpMethod(request.Method), _upstreamFor?.Invoke(request.Target) ?? request.Target);
            if (request.Body.Length > 0)
            {
                upstreamRequest.Content = new ByteArrayContent(request.Body);
                if (request.Headers.TryGetValue("Content-Type", out var type)) upstreamRequest.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }
            foreach (var header in request.Headers.Where(h => h.Key is "Accept" or "X-Tableau-Auth"))
                upstreamRequest.Headers.TryAddWithoutValidation(header.Key, header.Value);

            using var response = await _upstream.SendAsync(upstreamRequest);
            var body = await response.Content.ReadAsByteArrayAsync();
            var headers = new Dictionary<string, string>();
            if (response.Content.Headers.ContentType != null) headers["Content-Type"] = response.Content.Headers.ContentType.ToString();
            if (response.Headers.Location != null) headers["Location"] = response.Headers.Location.ToString();
            await WriteAsync(stream, (int)response.StatusCode, response.ReasonPhrase ?? "", headers, body);
        }

        private static async Task WriteAsync(NetworkStream stream, int status, string reason, Dictionary<string, string> headers, byte[] body)
        {
            var head = new StringBuilder($"HTTP/1.1 {status} {reason}\r\n");
            foreach (var header in headers) head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
            await stream.WriteAsync(body);
        }

        private static async Task<(string, string, Dictionary<string, string>, byte[])?> ReadRequestAsync(NetworkStream stream)
        {
            var headBytes = new List<byte>();
            var one = new byte[1];
            while (!(headBytes.Count >= 4 && headBytes[^4] == '\r' && headBytes[^3] == '\n' && headBytes[^2] == '\r' && headBytes[^1] == '\n'))
            {
                if (await stream.ReadAsync(one) == 0) return null;
                headBytes.Add(one[0]);
            }
            var lines = Encoding.ASCII.GetString(headBytes.ToArray()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var requestLine = lines[0].Split(' ');
            var headers = lines.Skip(1).Select(l => l.Split(':', 2)).ToDictionary(p => p[0].Trim(), p => p[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
            for (var read = 0; read < body.Length;)
            {
                var n = await stream.ReadAsync(body.AsMemory(read));
                if (n == 0) return null;
                read += n;
            }
            return (requestLine[0], requestLine[1], headers, body);
        }

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _upstream.Dispose();
        }
    }
}
