using System;
using System.Collections.Generic;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// Remembers the payloads accepted in the last Window, by SHA-256 of the body: Tableau says a duplicate request
    /// carries an identical payload (reference 5.4), and it retries a delivery whose answer it did not get. Not
    /// thread-safe: DeliveryDesk checks and remembers under one lock, with the decision to accept in between. With
    /// -SpoolPath it outlives a run: the spool keeps the keys of what it wrote within the window (DeliverySpool).
    /// </summary>
    internal sealed class DuplicateWindow
    {
        private readonly TimeSpan _window;
        private readonly Dictionary<string, DateTimeOffset> _seen = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        private readonly Queue<KeyValuePair<string, DateTimeOffset>> _order = new Queue<KeyValuePair<string, DateTimeOffset>>();

        public DuplicateWindow(TimeSpan window) => _window = window;

        public TimeSpan Window => _window;

        /// <summary>SHA-256 of the body in hex: a file name in the spool too.</summary>
        public static string Key(byte[] body)
        {
            using (var sha = SHA256.Create())
            {
                var hash = sha.ComputeHash(body);
                var hex = new StringBuilder(hash.Length * 2);
                foreach (var b in hash) hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                return hex.ToString();
            }
        }

        /// <summary>Whether this payload was accepted within the window (never, when the window is zero).</summary>
        public bool Seen(string key, DateTimeOffset now)
        {
            if (_window <= TimeSpan.Zero) return false;
            while (_order.Count > 0 && now - _order.Peek().Value > _window)
            {
                var old = _order.Dequeue();
                if (_seen.TryGetValue(old.Key, out var at) && at == old.Value) _seen.Remove(old.Key);
            }
            return _seen.TryGetValue(key, out var seenAt) && now - seenAt <= _window;
        }

        public void Remember(string key, DateTimeOffset now)
        {
            if (_window <= TimeSpan.Zero) return;
            _seen[key] = now;
            _order.Enqueue(new KeyValuePair<string, DateTimeOffset>(key, now));
        }

        /// <summary>Undoes Remember(key, at): the delivery could not be kept after all, so a retry of it must be accepted.</summary>
        public void Forget(string key, DateTimeOffset at)
        {
            if (_seen.TryGetValue(key, out var seenAt) && seenAt == at) _seen.Remove(key);
        }
    }
}
