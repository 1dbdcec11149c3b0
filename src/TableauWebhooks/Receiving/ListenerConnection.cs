using System;
using System.Collections.Generic;
using System.Net;
using System.Net.Sockets;
using System.Threading;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// One accepted connection: its socket, the one deadline running for the step it is in (head, body, answer), and why
    /// the listener closed it, if it did, so the note says so. Closing the socket is what ends a stalled read or write on
    /// every runtime; no thread waits on a connection.
    /// </summary>
    internal sealed class ListenerConnection : IDisposable
    {
        private readonly CancellationTokenSource _deadline = new CancellationTokenSource();
        private readonly CancellationTokenRegistration _onDeadline;
        private string? _deadlineReason;
        private string? _closedBecause;

        public ListenerConnection(TcpClient client)
        {
            Client = client;
            // Read at accept: once closed, TcpClient.Client is null on .NET and .NET Framework, and Mono answers nothing.
            Remote = (client.Client.RemoteEndPoint as IPEndPoint)?.Address.ToString() ?? "";
            _onDeadline = _deadline.Token.Register(() => Close(_deadlineReason ?? ""));
        }

        public TcpClient Client { get; }
        public string Remote { get; }
        /// <summary>Its place among the connections that have not sent their whole head, oldest first (ConnectionTable's).</summary>
        public LinkedListNode<ListenerConnection>? WaitingForHead { get; set; }
        /// <summary>Writing its answer: a stop does not cut that short, or a delivery accepted would not get its 200.</summary>
        public bool Answering { get; set; }

        /// <summary>Why the listener closed it ("" for a quiet close), or null while it has not.</summary>
        public string? ClosedBecause => Volatile.Read(ref _closedBecause);

        /// <summary>From now, the connection has <paramref name="time"/> for its next step, else it is closed for <paramref name="reason"/>.</summary>
        public void Arm(TimeSpan time, string reason)
        {
            Volatile.Write(ref _deadlineReason, reason);
            try
            {
                _deadline.CancelAfter(time);
            }
            catch (ObjectDisposedException)
            {
            }
        }

        /// <summary>Closes the socket once; the first reason given is the one noted ("" notes nothing).</summary>
        public void Close(string reason)
        {
            if (Interlocked.CompareExchange(ref _closedBecause, reason, null) != null) return;
            Client.Close();
        }

        public void Dispose()
        {
            _onDeadline.Dispose();
            _deadline.Dispose();
            Client.Close();
        }
    }
}
