using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// The listener's open connections, and among them those that have not sent their whole request head, oldest first:
    /// at the limit, the oldest of those is the one closed to make room. A sender that trickles its head holds a place for
    /// at most the head deadline, and never one that a sender with a whole request needs.
    /// </summary>
    internal sealed class ConnectionTable
    {
        private readonly int _limit;
        private readonly object _gate = new object();
        private readonly HashSet<ListenerConnection> _open = new HashSet<ListenerConnection>();
        private readonly LinkedList<ListenerConnection> _waitingForHead = new LinkedList<ListenerConnection>();

        public ConnectionTable(int limit) => _limit = limit;

        public int Count
        {
            get
            {
                lock (_gate) return _open.Count;
            }
        }

        /// <summary>
        /// Adds a connection just accepted. At the limit, <paramref name="evicted"/> is the oldest still waiting for its head,
        /// for the caller to close; false when every open connection is past its head (the new one is to be refused).
        /// </summary>
        public bool Add(ListenerConnection connection, out ListenerConnection? evicted)
        {
            evicted = null;
            lock (_gate)
            {
                var room = true;
                if (_open.Count >= _limit)
                {
                    var oldest = _waitingForHead.First;
                    if (oldest == null) room = false;
                    else
                    {
                        evicted = oldest.Value;
                        _waitingForHead.RemoveFirst();
                        evicted.WaitingForHead = null;
                        _open.Remove(evicted);
                    }
                }
                _open.Add(connection);
                if (room) connection.WaitingForHead = _waitingForHead.AddLast(connection);
                return room;
            }
        }

        /// <summary>Its head is read whole: it is no longer one to close for room.</summary>
        public void HeadRead(ListenerConnection connection)
        {
            lock (_gate)
            {
                if (connection.WaitingForHead == null) return;
                _waitingForHead.Remove(connection.WaitingForHead);
                connection.WaitingForHead = null;
            }
        }

        public void Remove(ListenerConnection connection)
        {
            lock (_gate)
            {
                if (connection.WaitingForHead != null) _waitingForHead.Remove(connection.WaitingForHead);
                connection.WaitingForHead = null;
                _open.Remove(connection);
                if (_open.Count == 0) Monitor.PulseAll(_gate);
            }
        }

        /// <summary>Waits at most <paramref name="time"/> for every connection to end; false when some are still open.</summary>
        public bool WaitUntilEmpty(TimeSpan time)
        {
            var until = DateTime.UtcNow + time;
            lock (_gate)
            {
                while (_open.Count > 0)
                {
                    var left = until - DateTime.UtcNow;
                    if (left <= TimeSpan.Zero || !Monitor.Wait(_gate, left)) return _open.Count == 0;
                }
                return true;
            }
        }

        /// <summary>Closes every connection not writing its answer, with the reason to note.</summary>
        public void CloseAllNotAnswering(string reason)
        {
            List<ListenerConnection> closing;
            lock (_gate) closing = _open.Where(c => !c.Answering).ToList();
            foreach (var connection in closing) connection.Close(reason);
        }
    }
}
