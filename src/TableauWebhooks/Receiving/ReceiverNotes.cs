using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// The -Verbose lines about refused and dropped requests, waiting for the pipeline thread to write them: bounded, so a
    /// flood of bad requests while the pipeline is busy costs a count, not memory. Once full, further notes are counted
    /// until the pipeline has written every waiting one, then one line says how many were not noted one by one, and since
    /// when. Every line is escaped and cut short here, whoever wrote it.
    /// </summary>
    internal sealed class ReceiverNotes : IEnumerable<string>
    {
        /// <summary>Lines waiting at most; a line is at most MaxLineLength characters (a quote of 200 and its context).</summary>
        public const int Capacity = 1000;
        private const int MaxLineLength = 400;

        private readonly object _gate = new object();
        private readonly Queue<string> _waiting = new Queue<string>();
        private long _unnoted;
        private DateTimeOffset _unnotedSince;

        public void Enqueue(string note)
        {
            var line = NoteText.Escape(note, MaxLineLength);
            lock (_gate)
            {
                if (_unnoted > 0 || _waiting.Count >= Capacity)
                {
                    if (_unnoted++ == 0) _unnotedSince = DateTimeOffset.Now;
                    return;
                }
                _waiting.Enqueue(line);
            }
        }

        public bool TryDequeue(out string note)
        {
            lock (_gate)
            {
                if (_waiting.Count > 0)
                {
                    note = _waiting.Dequeue();
                    return true;
                }
                if (_unnoted > 0)
                {
                    note = $"{_unnoted} more refused since {_unnotedSince.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture)} " +
                           $"(requests refused or dropped while {Capacity} notes waited for the pipeline; not noted one by one).";
                    _unnoted = 0;
                    return true;
                }
                note = "";
                return false;
            }
        }

        /// <summary>A snapshot of the lines waiting, oldest first (they stay waiting).</summary>
        public IEnumerator<string> GetEnumerator()
        {
            lock (_gate) return new List<string>(_waiting).GetEnumerator();
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
