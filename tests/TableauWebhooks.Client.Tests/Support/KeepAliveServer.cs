using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.IO;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TableauWebhooks.Client.Tests.Support
{
    /// <summary>
    /// A raw HTTP/1.1 server on loopback that keeps connections alive and can lose an answer the way a proxy or load
    /// balancer does: it reads the request (the work is done), then closes the kept-alive connection without sending a
    /// byte (StubResponse.LoseAnswer). HttpListener cannot do that: its abort resets or half-answers. Each request is
    /// recorded with the connection it came on, so a test can tell a reused connection from a new one.
    /// </summary>
    public sealed class KeepAliveServer : IDisposable
    {
        private readonly TcpListener _listener = new TcpListener(IPAddress.Loopback, 0);
        private readonly Func<RecordedRequest, StubResponse> _handler;
        private readonly CancellationTokenSource _stop = new CancellationTokenSource();
        private int _connections;

        public KeepAliveServer(Func<RecordedRequest, StubResponse> handler)
        {
            _handler = handler;
            _listener.Start();
            BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _ = Task.Run(AcceptLoopAsync);
        }

        public Uri BaseUrl { get; }
        public ConcurrentQueue<(int Connection, RecordedRequest Request)> Requests { get; } = new ConcurrentQueue<(int, RecordedRequest)>();

        private async Task AcceptLoopAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try { client = await _listener.AcceptTcpClientAsync(); }
                catch { return; }
                var number = Interlocked.Increment(ref _connections);
                _ = Task.Run(() => ServeAsync(client, number));
            }
        }

        private async Task ServeAsync(TcpClient client, int connection)
        {
            using (client)
            {
                var stream = client.GetStream();
                try
                {
                    while (!_stop.IsCancellationRequested)
                    {
                        var request = await ReadRequestAsync(stream);
                        if (request == null) return; // the client closed the connection, or spoke something other than HTTP
                        Requests.Enqueue((connection, request));
                        var response = _handler(request);
                        if (response.Delay > TimeSpan.Zero) await Task.Delay(response.Delay);
                        if (response.LoseAnswer)
                        {
                            client.Client.Shutdown(SocketShutdown.Both); // FIN, no answer
                            return;
                        }
                        await WriteResponseAsync(stream, response);
                    }
                }
                catch (IOException) { }
                catch (ObjectDisposedException) { }
            }
        }

        private static async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream)
        {
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one, 0, 1) == 0) return null;
                if (head.Length == 0 && (one[0] < 'A' || one[0] > 'Z'))
                {
                    // Not an HTTP request line (a TLS ClientHello starts with 0x16): answer as plain HTTP servers do.
                    var refusal = Encoding.ASCII.GetBytes("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                    await stream.WriteAsync(refusal, 0, refusal.Length);
                    return null;
                }
                head.Append((char)one[0]);
            }
            var lines = head.ToString().Split(new[] { "\r\n" }, StringSplitOptions.RemoveEmptyEntries);
            var requestLine = lines[0].Split(' ');
            var target = new Uri("http://localhost" + requestLine[1]);
            var recorded = new RecordedRequest { Method = requestLine[0], Path = target.AbsolutePath, Query = target.Query };
            var length = 0;
            for (var i = 1; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':');
                var name = lines[i].Substring(0, colon).Trim();
                var value = lines[i].Substring(colon + 1).Trim();
                if (name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)) length = int.Parse(value, CultureInfo.InvariantCulture);
                else if (name.Equals("Accept", StringComparison.OrdinalIgnoreCase)) recorded.Accept = value;
                else if (name.Equals("X-Tableau-Auth", StringComparison.OrdinalIgnoreCase)) recorded.AuthToken = value;
                else if (name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)) recorded.ContentType = value;
            }
            var body = new byte[length];
            for (var read = 0; read < length;)
            {
                var n = await stream.ReadAsync(body, read, length - read);
                if (n == 0) return null;
                read += n;
            }
            recorded.Body = Encoding.UTF8.GetString(body);
            return recorded;
        }

        private static async Task WriteResponseAsync(NetworkStream stream, StubResponse response)
        {
            var body = Encoding.UTF8.GetBytes(response.Body);
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(response.Status.ToString(CultureInfo.InvariantCulture)).Append(" Status\r\n");
            head.Append("Date: ").Append(DateTimeOffset.UtcNow.ToString("r", CultureInfo.InvariantCulture)).Append("\r\n"); // as every server sends
            if (response.ContentType != null) head.Append("Content-Type: ").Append(response.ContentType).Append("\r\n");
            foreach (var header in response.Headers) head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            head.Append("Content-Length: ").Append(body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n\r\n");
            var headBytes = Encoding.ASCII.GetBytes(head.ToString());
            await stream.WriteAsync(headBytes, 0, headBytes.Length);
            if (body.Length > 0) await stream.WriteAsync(body, 0, body.Length);
            await stream.FlushAsync();
        }

        public void Dispose()
        {
            _stop.Cancel();
            try { _listener.Stop(); } catch { }
            _stop.Dispose();
        }
    }
}
