using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// A small HTTP/1.1 server on a TCP socket, with TLS when given a certificate: what Receive-TableauWebhookEvent
    /// listens with. Not HttpListener (HTTP.sys needs URL reservations and binds certificates machine-wide on Windows,
    /// and has no HTTPS on Linux) and not ASP.NET Core (pwsh does not ship it). Each connection carries one request,
    /// read within a time and size limit, answered, then closed; at most MaxConnections are served at once. Stopping
    /// gives the connections already made a few seconds to be answered (by then the handler says 503: try again later).
    /// </summary>
    internal sealed class WebhookListener : IDisposable
    {
        private const int MaxConnections = 256;
        private static readonly TimeSpan RequestReadTimeout = TimeSpan.FromSeconds(10);
        /// <summary>How long Stop waits for each connection being served before it closes those left.</summary>
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);

        private readonly TcpListener _listener;
        private readonly X509Certificate2? _certificate;
        private readonly int _maxBodyBytes;
        private readonly Func<ReceivedRequest, ReceiverResponse> _handle;
        private readonly Action<string> _report;
        private readonly SemaphoreSlim _connections = new SemaphoreSlim(MaxConnections);
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        /// <summary>Closes the connections still being read, or shaking hands, when Stop has waited long enough.</summary>
        private readonly CancellationTokenSource _abandon = new CancellationTokenSource();
        private Task? _acceptLoop;

        /// <param name="handle">Decides the answer to a request read whole; runs on a pool thread and must not block.</param>
        /// <param name="report">Receives one line per request refused before <paramref name="handle"/> saw it.</param>
        public WebhookListener(IPAddress address, int port, X509Certificate2? certificate, int maxBodyBytes,
            Func<ReceivedRequest, ReceiverResponse> handle, Action<string> report)
        {
            _listener = new TcpListener(address, port);
            _certificate = certificate;
            _maxBodyBytes = maxBodyBytes;
            _handle = handle;
            _report = report;
        }

        /// <summary>The port listened on (the one chosen by the system when 0 was asked for).</summary>
        public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

        /// <summary>Binds and starts accepting; a port in use or an address not on this machine throws SocketException.</summary>
        public void Start()
        {
            _listener.Start(backlog: 512);
            _acceptLoop = Task.Run(AcceptLoopAsync);
        }

        /// <summary>
        /// Stops accepting. The connections the system accepted that this listener has not taken yet are taken first
        /// (closing the port resets them), and requests being read get a few seconds to arrive whole and be answered; only
        /// then are the connections left closed. Cutting either off left senders with no answer, unable to tell whether
        /// their delivery was taken.
        /// </summary>
        public void Stop()
        {
            if (_stopping.IsCancellationRequested) return;
            var backlog = Stopwatch.StartNew();
            while (_acceptLoop != null && _listener.Pending() && backlog.Elapsed < StopGrace) Thread.Sleep(1);
            _stopping.Cancel();
            _listener.Stop();
            try
            {
                _acceptLoop?.Wait(TimeSpan.FromSeconds(2));
            }
            catch (AggregateException)
            {
            }
            // Wait for the connections being served, briefly: their requests are being read or answered.
            for (var i = 0; i < MaxConnections; i++)
                if (!_connections.Wait(StopGrace)) break;
            _abandon.Cancel();
        }

        public void Dispose()
        {
            Stop();
            _stopping.Dispose();
            _abandon.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                await _connections.WaitAsync(_stopping.Token).ConfigureAwait(false);
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stopping.IsCancellationRequested)
                {
                    _connections.Release();
                    return;
                }
                catch (SocketException)
                {
                    _connections.Release();
                    continue; // a connection reset before it was accepted
                }
                _ = Task.Run(() => ServeAsync(client));
            }
        }

        private async Task ServeAsync(TcpClient client)
        {
            var remote = (client.Client.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "";
            try
            {
                using (client)
                {
                    var stream = await WithDeadline(client, _abandon.Token, () => OpenAsync(client, remote)).ConfigureAwait(false);
                    if (stream == null) return;
                    using (stream)
                    {
                        ReceiverResponse response;
                        var unread = false;
                        try
                        {
                            var request = await WithDeadline(client, _abandon.Token,
                                () => HttpRequestReader.ReadAsync(stream, _maxBodyBytes, remote, CancellationToken.None)).ConfigureAwait(false);
                            response = _handle(request);
                        }
                        catch (UnreadableRequestException ex)
                        {
                            _report($"Refused a request from {remote}: {ex.Status} {ex.Message}.");
                            response = ReceiverResponse.Error(ex.Status, ex.Message);
                            unread = true;
                        }
                        // Not cut short by a stop: a delivery accepted above must get its 200, or the sender retries it.
                        await WithDeadline(client, CancellationToken.None, async () =>
                        {
                            await WriteAsync(stream, response).ConfigureAwait(false);
                            return true;
                        }).ConfigureAwait(false);
                        if (unread) await DrainAsync(client, stream).ConfigureAwait(false);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException)
            {
                // The sender went away or took too long: nothing was accepted from it.
            }
            finally
            {
                _connections.Release();
            }
        }

        private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(2);
        private const long MaxDrainBytes = 32L * 1024 * 1024;

        /// <summary>
        /// After refusing a request that was not read whole (a body too large, say), reads and discards what the sender is
        /// still writing, for a moment: closing at once would reset the connection under it, and it would see a broken
        /// pipe instead of the 413 it was sent. Bounded in time and bytes, so it costs a refused sender, not the receiver.
        /// </summary>
        private static async Task DrainAsync(TcpClient client, Stream stream)
        {
            var buffer = new byte[16 * 1024];
            long drained = 0;
            try
            {
                client.Client.Shutdown(SocketShutdown.Send); // the answer is complete: tell the sender so
                using (var deadline = new CancellationTokenSource(DrainTime))
                using (deadline.Token.Register(() => client.Close()))
                {
                    int read;
                    while (drained < MaxDrainBytes && (read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0) drained += read;
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException)
            {
                // The sender stopped or the moment passed.
            }
        }

        /// <summary>
        /// Runs one step of a connection within RequestReadTimeout (or until <paramref name="stop"/>): closing the socket
        /// ends a stalled read or write on every runtime, so a sender that stalls cannot hold a slot.
        /// </summary>
        private static async Task<T> WithDeadline<T>(TcpClient client, CancellationToken stop, Func<Task<T>> step)
        {
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(stop))
            {
                deadline.CancelAfter(RequestReadTimeout);
                using (deadline.Token.Register(() => client.Close()))
                {
                    return await step().ConfigureAwait(false);
                }
            }
        }

        // The TLS handshake, when listening with a certificate; a failed one (plain http to the https port, an old
        // protocol, a sender silent past the deadline) is reported and the connection dropped. With the address read at
        // accept: once the deadline has closed the client, TcpClient.Client is null on .NET and .NET Framework (asking it
        // threw NullReferenceException here, and the line was lost), and Mono answers nothing for a reset socket. The
        // deadline's close fails the handshake with IOException, or with ObjectDisposedException when it lands between two
        // reads (seen on a busy machine: the line was lost then too).
        private async Task<Stream?> OpenAsync(TcpClient client, string remote)
        {
            var network = client.GetStream();
            if (_certificate == null) return network;
            var tls = new SslStream(network, leaveInnerStreamOpen: false);
            try
            {
                await tls.AuthenticateAsServerAsync(_certificate, clientCertificateRequired: false, SslProtocols.None, checkCertificateRevocation: false).ConfigureAwait(false);
                return tls;
            }
            catch (Exception ex) when (ex is AuthenticationException || ex is IOException || ex is ObjectDisposedException)
            {
                _report($"Refused a connection from {remote}: the TLS handshake failed ({ex.Message}).");
                tls.Dispose();
                return null;
            }
        }

        private static async Task WriteAsync(Stream stream, ReceiverResponse response)
        {
            var body = Encoding.UTF8.GetBytes(response.Body);
            var head = new StringBuilder();
            head.Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(response.Reason).Append("\r\n");
            head.Append("Content-Type: text/plain; charset=utf-8\r\n");
            head.Append("Content-Length: ").Append(body.Length).Append("\r\n");
            head.Append("Connection: close\r\n");
            foreach (var header in response.Headers) head.Append(header.Key).Append(": ").Append(header.Value).Append("\r\n");
            head.Append("\r\n");
            var bytes = Encoding.ASCII.GetBytes(head.ToString());
            await stream.WriteAsync(bytes, 0, bytes.Length).ConfigureAwait(false);
            await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }
    }
}
