using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Output;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// Decides what to answer each request the listener reads, and queues the deliveries to write. Tableau signs nothing,
    /// so anyone who knows the URL can post: only a POST to the secret path, with a JSON body under the size limit that
    /// reads as a Tableau payload, is accepted, answered 200 at once and queued; a payload seen within the duplicate
    /// window is answered 200 and dropped. Nothing in a body is evaluated. With a spool, a delivery is on disk before its
    /// 200 is sent.
    /// </summary>
    internal sealed class DeliveryDesk
    {
        /// <summary>Deliveries waiting for the pipeline; beyond this a sender is told to come back (503), not dropped.</summary>
        private const int MaxWaiting = 10_000;

        private readonly string? _secretPath;
        private readonly DuplicateWindow _duplicates;
        private readonly int? _count;
        private readonly DeliverySpool? _spool;
        private readonly object _acceptance = new object();
        private int _accepted;
        /// <summary>Accepted, being written to the spool, not queued yet.</summary>
        private int _keeping;
        private volatile bool _closed;

        public DeliveryDesk(string? secretPath, TimeSpan duplicateWindow, int? count, DeliverySpool? spool = null)
        {
            _secretPath = secretPath;
            _duplicates = new DuplicateWindow(duplicateWindow);
            _count = count;
            _spool = spool;
        }

        /// <summary>Accepted deliveries, in the order they were answered (those kept from an earlier run first).</summary>
        public BlockingCollection<AcceptedDelivery> Deliveries { get; } = new BlockingCollection<AcceptedDelivery>();

        /// <summary>What was refused or dropped, one line each, for -Verbose (never the secret path).</summary>
        public ReceiverNotes Notes { get; } = new ReceiverNotes();

        /// <summary>
        /// Before listening: what an earlier run left in the spool. The deliveries are queued first (up to -Count, which they
        /// count towards; the rest stay in the spool for the next run), and every payload in it, written or not, is
        /// remembered for the duplicate window. Returns how many were queued.
        /// </summary>
        public int Resume(IReadOnlyList<AcceptedDelivery> pending, IEnumerable<KeyValuePair<string, DateTimeOffset>> written)
        {
            var now = DateTimeOffset.UtcNow;
            var remembered = written.Concat(pending.Select(p => new KeyValuePair<string, DateTimeOffset>(p.Key, p.AcceptedAt)))
                .OrderBy(k => k.Value);
            lock (_acceptance)
            {
                foreach (var key in remembered)
                    if (now - key.Value <= _duplicates.Window) _duplicates.Remember(key.Key, key.Value);
                foreach (var delivery in pending)
                {
                    if (_count.HasValue && _accepted >= _count.Value) break;
                    Deliveries.Add(delivery);
                    _accepted++;
                }
                return _accepted;
            }
        }

        /// <summary>
        /// From now on every request is answered 503: the command is ending and could not write it. Set under the
        /// acceptance lock, and waits (a while) for deliveries accepted and still being written to the spool, so once Close
        /// returns nothing more is added, and draining Deliveries after it writes every delivery that was answered 200.
        /// </summary>
        public void Close()
        {
            lock (_acceptance)
            {
                _closed = true;
                var waited = System.Diagnostics.Stopwatch.StartNew();
                while (_keeping > 0 && waited.Elapsed < KeepingGrace) Monitor.Wait(_acceptance, KeepingGrace - waited.Elapsed);
            }
        }

        /// <summary>How long Close waits for spool writes; one slower than this is on disk and written by the next run.</summary>
        private static readonly TimeSpan KeepingGrace = TimeSpan.FromSeconds(10);

        public ReceiverResponse Handle(ReceivedRequest request)
        {
            var maskedPath = MaskedPath(request.Path);
            var where = $"{request.Method} {maskedPath} from {request.RemoteAddress}";
            if (_closed) return Refuse(where, 503, "Service Unavailable", RetryLater);
            if (_secretPath != null && !IsSecretPath(request.Path)) return Refuse(where, 404, "Not Found");
            if (!string.Equals(request.Method, "POST", StringComparison.Ordinal))
                return Refuse(where, 405, "Method Not Allowed", new KeyValuePair<string, string>("Allow", "POST"));
            var type = request.Header("Content-Type");
            if (request.Body.Length > 0 && !IsJson(type)) return Refuse(where, 415, "Unsupported Media Type");

            WebhookPayload payload;
            try
            {
                payload = WebhookPayload.Read(request.Body);
            }
            catch (TableauException ex)
            {
                Notes.Enqueue($"Refused {where}: 400 Bad Request. {ex.Message}");
                return ReceiverResponse.Error(400, "Bad Request");
            }

            var now = DateTimeOffset.UtcNow;
            var key = DuplicateWindow.Key(request.Body);
            var delivery = new TableauWebhookDelivery(payload, maskedPath, request.RemoteAddress, now, request.Header("User-Agent"));
            // One decision at a time: a repeat is dropped only if its first copy was accepted, and -Count is kept here,
            // not in the pipeline, because a delivery answered 200 must be written: those beyond the count, or beyond
            // what can wait, are told to come back (Tableau retries) instead of being acknowledged and lost.
            lock (_acceptance)
            {
                if (_closed) return Refuse(where, 503, "Service Unavailable", RetryLater);
                if (_duplicates.Seen(key, now))
                {
                    Notes.Enqueue($"Dropped a repeated delivery of {Describe(payload)} ({where}): the same payload came within the duplicate window.");
                    return ReceiverResponse.Ok();
                }
                if (_count.HasValue && _accepted >= _count.Value) return Refuse(where, 503, "Service Unavailable", RetryLater);
                if (Deliveries.Count + _keeping >= MaxWaiting) return Refuse(where, 503, "Service Unavailable", RetryLater);
                _accepted++;
                _keeping++;
                _duplicates.Remember(key, now);
            }
            // On disk before the 200, outside the lock so that deliveries are flushed side by side.
            string? file = null;
            Exception? failure = null;
            try
            {
                file = _spool?.Keep(request.Body, delivery);
            }
            catch (Exception ex) when (ex is System.IO.IOException || ex is UnauthorizedAccessException)
            {
                failure = ex;
            }
            lock (_acceptance)
            {
                _keeping--;
                if (failure == null) Deliveries.Add(new AcceptedDelivery(delivery, key, file));
                else
                {
                    _accepted--;
                    _duplicates.Forget(key, now);
                }
                Monitor.PulseAll(_acceptance);
            }
            if (failure != null)
            {
                Notes.Enqueue($"Could not keep {Describe(payload)} ({where}) in the spool, so it was answered 503 (Tableau tries again): {failure.Message}");
                return ReceiverResponse.Error(503, "Service Unavailable", RetryLater);
            }
            return ReceiverResponse.Ok();
        }

        private static readonly KeyValuePair<string, string> RetryLater = new KeyValuePair<string, string>("Retry-After", "60");

        private ReceiverResponse Refuse(string where, int status, string reason, params KeyValuePair<string, string>[] headers)
        {
            Notes.Enqueue($"Refused {where}: {status} {reason}.");
            return ReceiverResponse.Error(status, reason, headers);
        }

        // "/<secret>" or "/<secret>/", compared in constant time so the answer's timing does not spell it out.
        private bool IsSecretPath(string path)
        {
            var given = path.Trim('/');
            var expected = _secretPath!;
            var difference = given.Length ^ expected.Length;
            for (var i = 0; i < expected.Length; i++) difference |= (i < given.Length ? given[i] : 0) ^ expected[i];
            return difference == 0;
        }

        private string MaskedPath(string path) => _secretPath == null || path.IndexOf(_secretPath, StringComparison.Ordinal) < 0
            ? Truncate(path) : Truncate(path.Replace(_secretPath, "***"));

        // A hostile path is quoted in notes, so keep it short.
        private static string Truncate(string path) => path.Length <= 80 ? path : path.Substring(0, 80) + "…";

        private static bool IsJson(string? contentType)
        {
            var media = (contentType ?? "").Split(';')[0].Trim();
            return string.Equals(media, "application/json", StringComparison.OrdinalIgnoreCase) || media.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        }

        private static string Describe(WebhookPayload payload) => payload.IsTest ? "the test payload" : $"{payload.EventType} '{payload.ResourceName}'";
    }
}
