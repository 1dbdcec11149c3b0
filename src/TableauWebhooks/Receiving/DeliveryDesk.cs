using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Output;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// Decides what to answer each request the listener reads, and queues the deliveries to write. Tableau signs nothing,
    /// so anyone who knows the URL can post: only a POST to the secret path, with a JSON body under the size limit that
    /// reads as a Tableau payload, is accepted, answered 200 at once and queued; a payload seen within the duplicate
    /// window is answered 200 and dropped. Nothing in a body is evaluated.
    /// </summary>
    internal sealed class DeliveryDesk
    {
        /// <summary>Deliveries waiting for the pipeline; beyond this a sender is told to come back (503), not dropped.</summary>
        private const int MaxWaiting = 10_000;

        private readonly string? _secretPath;
        private readonly DuplicateWindow _duplicates;
        private readonly int? _count;
        private readonly object _acceptance = new object();
        private int _accepted;
        private volatile bool _closed;

        public DeliveryDesk(string? secretPath, TimeSpan duplicateWindow, int? count)
        {
            _secretPath = secretPath;
            _duplicates = new DuplicateWindow(duplicateWindow);
            _count = count;
        }

        /// <summary>Accepted deliveries, in the order they were answered.</summary>
        public BlockingCollection<TableauWebhookDelivery> Deliveries { get; } = new BlockingCollection<TableauWebhookDelivery>(MaxWaiting);

        /// <summary>What was refused or dropped, one line each, for -Verbose (never the secret path).</summary>
        public ReceiverNotes Notes { get; } = new ReceiverNotes();

        /// <summary>
        /// From now on every request is answered 503: the command is ending and could not write it. Set under the
        /// acceptance lock, so once Close returns nothing more is added, and draining Deliveries after it writes every
        /// delivery that was answered 200.
        /// </summary>
        public void Close()
        {
            lock (_acceptance) _closed = true;
        }

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
                if (!Deliveries.TryAdd(delivery)) return Refuse(where, 503, "Service Unavailable", RetryLater);
                _accepted++;
                _duplicates.Remember(key, now);
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
