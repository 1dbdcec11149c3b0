using System;
using System.Collections.Generic;
using System.ComponentModel;
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
    /// and has no HTTPS on Linux) and not ASP.NET Core (pwsh does not ship it). Each connection carries one request, read
    /// within ReceiverLimits, answered, then closed. Accepting never waits: a connection costs a socket and a pending
    /// asynchronous read, not a thread, and one that has not sent its whole head within the head deadline (TLS handshake
    /// included) is closed, as is the oldest such one when the connection limit is reached. So senders trickling bytes
    /// cannot keep Tableau from being answered. Stopping gives the connections already made a few seconds to be answered
    /// (by then the handler says 503: try again later).
    /// </summary>
    internal sealed class WebhookListener : IDisposable
    {
        /// <summary>How long Stop waits for the connections being served before it closes those left.</summary>
        private static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(3);
        private static readonly TimeSpan DrainTime = TimeSpan.FromSeconds(2);
        private const long MaxDrainBytes = 32L * 1024 * 1024;
        private static readonly KeyValuePair<string, string> RetryLater = new KeyValuePair<string, string>("Retry-After", "60");

        [ThreadStatic] private static Random? _spread;
        private static Random Spread => _spread ??= new Random(Guid.NewGuid().GetHashCode());

        private readonly TcpListener _listener;
        private readonly X509Certificate2? _certificate;
        private readonly TlsHandshake? _handshake;
        private readonly int _maxBodyBytes;
        private readonly Func<ReceivedRequest, ReceiverResponse> _handle;
        private readonly Action<string> _report;
        private readonly ConnectionTable _connections;
        private readonly int _maxConnections;
        private readonly string? _secret;
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private Task? _acceptLoop;

        /// <param name="handle">Decides the answer to a request read whole; runs on a pool thread and must not block.</param>
        /// <param name="report">Receives one line per request or connection refused before <paramref name="handle"/> saw it.</param>
        /// <param name="maxConnections">Open connections at once (ReceiverLimits.MaxConnections).</param>
        /// <param name="secret">The secret path segment, masked wherever a note quotes what a sender sent.</param>
        public WebhookListener(IPAddress address, int port, X509Certificate2? certificate, int maxBodyBytes,
            Func<ReceivedRequest, ReceiverResponse> handle, Action<string> report, int maxConnections = ReceiverLimits.MaxConnections, string? secret = null)
        {
            _listener = new TcpListener(address, port);
            _certificate = certificate;
            _handshake = certificate == null ? null : new TlsHandshake(certificate);
            _maxBodyBytes = maxBodyBytes;
            _handle = handle;
            _report = report;
            _connections = new ConnectionTable(maxConnections);
            _maxConnections = maxConnections;
            _secret = secret;
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
        /// then are the connections left closed (never one writing its answer). Cutting either off left senders with no
        /// answer, unable to tell whether their delivery was taken.
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
            if (!_connections.WaitUntilEmpty(StopGrace))
            {
                _connections.CloseAllNotAnswering("the receiver stopped before its request arrived whole");
                _connections.WaitUntilEmpty(TimeSpan.FromSeconds(1)); // for their notes
            }
        }

        public void Dispose()
        {
            Stop();
            _stopping.Dispose();
        }

        private async Task AcceptLoopAsync()
        {
            while (!_stopping.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                }
                catch (Exception) when (_stopping.IsCancellationRequested)
                {
                    return;
                }
                catch (SocketException)
                {
                    continue; // a connection reset before it was accepted
                }
                catch (ObjectDisposedException)
                {
                    return;
                }
                ListenerConnection connection;
                try
                {
                    connection = new ListenerConnection(client);
                }
                catch (Exception ex) when (ex is SocketException || ex is ObjectDisposedException)
                {
                    client.Close(); // reset between accept and here
                    continue;
                }
                var room = _connections.Add(connection, out var evicted);
                evicted?.Close($"{_maxConnections} connections were open, and it was the oldest that had not sent its whole request head");
                _ = Task.Run(() => room ? ServeAsync(connection) : RefuseAsync(connection));
            }
        }

        private async Task ServeAsync(ListenerConnection connection)
        {
            var remote = connection.Remote;
            try
            {
                var headDeadline = ReceiverLimits.HeadDeadline + TimeSpan.FromMilliseconds((Spread.NextDouble() * 2 - 1) * ReceiverLimits.HeadDeadlineSpread.TotalMilliseconds);
                connection.Arm(headDeadline, $"no whole request head within {headDeadline.TotalSeconds:0.0} s of connecting" +
                                                             (_certificate == null ? "" : " (TLS handshake included)"));
                var stream = await OpenAsync(connection).ConfigureAwait(false);
                if (stream == null) return;
                using (stream)
                {
                    ReceiverResponse response;
                    var unread = false;
                    string? method;
                    try
                    {
                        var request = await HttpRequestReader.ReadAsync(stream, _maxBodyBytes, remote, () =>
                        {
                            _connections.HeadRead(connection);
                            connection.Arm(ReceiverLimits.BodyDeadline, $"its body did not arrive whole within {ReceiverLimits.BodyDeadline.TotalSeconds:0} s of its head");
                        }, CancellationToken.None).ConfigureAwait(false);
                        if (request == null)
                        {
                            // Connected and closed without a word: over http a port probe, nothing to note. Over https it is
                            // what a sender that does not trust the certificate does under TLS 1.3 (it checks it after the
                            // handshake has finished here): worth a note, it is why Tableau's deliveries would not arrive.
                            if (_certificate != null)
                                _report($"Closed a connection from {remote}: it finished the TLS handshake and closed without sending a request " +
                                        "(what a sender that does not trust the certificate does).");
                            connection.Close("");
                            return;
                        }
                        method = request.Method;
                        response = _handle(request);
                    }
                    catch (UnreadableRequestException ex)
                    {
                        _report($"Refused a request from {remote}: {ex.Status} {ex.Message}" + (ex.Detail == null ? "" : $" ({ex.Detail})") +
                                (ex.Sent == null ? "" : ": " + NoteText.Quote(ex.Sent, _secret)) + ".");
                        response = ReceiverResponse.Error(ex.Status, ex.Message);
                        method = ex.Method;
                        unread = true;
                    }
                    // Not cut short by a stop: a delivery accepted above must get its 200, or the sender retries it.
                    connection.Answering = true;
                    connection.Arm(ReceiverLimits.AnswerDeadline, $"the answer could not be written within {ReceiverLimits.AnswerDeadline.TotalSeconds:0} s");
                    await WriteAsync(stream, response, withBody: method != "HEAD").ConfigureAwait(false);
                    connection.Answering = false;
                    if (unread) await DrainAsync(connection, stream).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException ||
                                       ex is InvalidOperationException || ex is NullReferenceException)
            {
                // The sender went away (a closed TcpClient has no Client: NullReferenceException), or was closed for taking too long: nothing was accepted from it.
                NoteClosed(connection);
            }
            finally
            {
                _connections.Remove(connection);
                connection.Dispose();
            }
        }

        private void NoteClosed(ListenerConnection connection)
        {
            var why = connection.ClosedBecause;
            if (!string.IsNullOrEmpty(why)) _report($"Closed a connection from {connection.Remote}: {why}.");
        }

        /// <summary>
        /// A connection over the limit when none could be closed for it (every open one is past its head): told to come
        /// back (503), and its request read and discarded for a moment, so it sees the answer, not a reset.
        /// </summary>
        private async Task RefuseAsync(ListenerConnection connection)
        {
            try
            {
                _report($"Refused a connection from {connection.Remote}: 503 Service Unavailable ({_maxConnections} connections were open, all past their request head).");
                connection.Arm(ReceiverLimits.AnswerDeadline, "");
                var stream = await OpenAsync(connection).ConfigureAwait(false);
                if (stream == null) return;
                using (stream)
                {
                    await WriteAsync(stream, ReceiverResponse.Error(503, "Service Unavailable", RetryLater), withBody: true).ConfigureAwait(false);
                    await DrainAsync(connection, stream).ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is OperationCanceledException || ex is InvalidOperationException)
            {
            }
            finally
            {
                _connections.Remove(connection);
                connection.Dispose();
            }
        }

        /// <summary>
        /// After refusing a request that was not read whole (a body too large, say), reads and discards what the sender is
        /// still writing, for a moment: closing at once would reset the connection under it, and it would see a broken
        /// pipe instead of the 413 it was sent. Bounded in time and bytes, so it costs a refused sender, not the receiver.
        /// </summary>
        private static async Task DrainAsync(ListenerConnection connection, Stream stream)
        {
            var buffer = new byte[16 * 1024];
            long drained = 0;
            try
            {
                connection.Client.Client.Shutdown(SocketShutdown.Send); // the answer is complete: tell the sender so
                connection.Arm(DrainTime, "");
                int read;
                while (drained < MaxDrainBytes && (read = await stream.ReadAsync(buffer, 0, buffer.Length).ConfigureAwait(false)) > 0) drained += read;
            }
            catch (Exception ex) when (ex is IOException || ex is SocketException || ex is ObjectDisposedException || ex is NullReferenceException)
            {
                // The sender stopped or the moment passed.
            }
        }

        // The TLS handshake, when listening with a certificate. A failed one (plain http to the https port, a protocol or
        // cipher the sender and this machine do not share, a sender silent past the head deadline) is noted as what it is,
        // with the reason, and the connection dropped. The deadline's close fails the handshake with IOException, or with
        // ObjectDisposedException when it lands between two reads.
        private async Task<Stream?> OpenAsync(ListenerConnection connection)
        {
            var network = connection.Client.GetStream();
            if (_certificate == null) return network;
            SslStream? tls = null;
            try
            {
                // A look at the first byte, left in place for the handshake: nothing at all is a port probe (nothing to
                // note), and a letter is plain http sent to this https port, which the handshake would call a corrupted frame.
                var first = new byte[1];
                var peeked = await connection.Client.Client.ReceiveAsync(new ArraySegment<byte>(first), SocketFlags.Peek).ConfigureAwait(false);
                if (peeked == 0)
                {
                    connection.Close("");
                    return null;
                }
                if (first[0] >= (byte)'A' && first[0] <= (byte)'Z')
                {
                    _report($"Refused a connection from {connection.Remote}: the TLS handshake failed: the sender spoke plain http to this https port " +
                            "(is its URL http:// where it should be https://?).");
                    connection.Close("");
                    return null;
                }
                tls = new SslStream(network, leaveInnerStreamOpen: false);
                await _handshake!.AuthenticateAsync(tls).ConfigureAwait(false);
                return tls;
            }
            catch (Exception ex) when (ex is AuthenticationException || ex is IOException || ex is ObjectDisposedException || ex is Win32Exception || ex is SocketException)
            {
                var closedBecause = connection.ClosedBecause;
                if (closedBecause == null)
                    _report($"Refused a connection from {connection.Remote}: the TLS handshake failed: {Reason(ex)}.");
                else if (closedBecause.Length > 0)
                    _report($"Closed a connection from {connection.Remote} during its TLS handshake: {closedBecause}.");
                connection.Close("");
                tls?.Dispose();
                return null;
            }
        }

        /// <summary>The messages of an exception and its causes, without the ones that only point to the next.</summary>
        internal static string Reason(Exception exception)
        {
            var parts = new List<string>();
            for (var ex = exception; ex != null; ex = ex.InnerException)
            {
                var message = ex.Message.Trim().TrimEnd('.');
                if (message.Length == 0 || message.IndexOf("inner exception", StringComparison.OrdinalIgnoreCase) >= 0 || parts.Exists(part => part.IndexOf(message, StringComparison.Ordinal) >= 0)) continue;
                parts.Add(message);
            }
            if (parts.Count == 0) return exception.GetType().Name;
            if (exception is IOException && parts.Count == 1 && parts[0].IndexOf("0 bytes", StringComparison.Ordinal) >= 0)
                parts.Add("the sender closed the connection during the handshake");
            return string.Join(": ", parts);
        }

        private static async Task WriteAsync(Stream stream, ReceiverResponse response, bool withBody)
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
            // A HEAD is answered with the head a GET would get (its Content-Length too), and no body (RFC 9110 9.3.2).
            if (withBody) await stream.WriteAsync(body, 0, body.Length).ConfigureAwait(false);
            await stream.FlushAsync().ConfigureAwait(false);
        }
    }
}
