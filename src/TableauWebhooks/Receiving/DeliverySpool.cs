using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Files;
using TableauWebhooks.Output;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// -SpoolPath: a folder where each accepted delivery is kept, on disk, from before it is answered 200 until the pipeline
    /// has taken it, as message brokers do. One file per delivery, named by arrival time so a folder lists in order:
    /// written to a temporary file beside it, flushed, then moved into place (and the folder flushed, on Unix), so a kill
    /// or a power cut leaves either nothing (and the sender got no 200) or the whole delivery. A file holds only what the
    /// sender sent (the body) and the few facts the event object shows (when, from where, User-Agent, the masked path),
    /// and only its owner can read it. When the pipeline has taken one, an empty marker named by the payload's hash is
    /// left in written/ for the duplicate window, so the window outlives a restart too.
    /// </summary>
    internal sealed class DeliverySpool : IDisposable
    {
        private const string Extension = ".delivery";
        private const string UnreadableExtension = ".unreadable";
        private const string FirstLine = "TableauWebhooks-Spool: 1";
        private static readonly TimeSpan PruneEvery = TimeSpan.FromMinutes(1);

        private readonly TimeSpan _window;
        private readonly string _written;
        private readonly object _pruning = new object();
        private DateTimeOffset _lastPruned = DateTimeOffset.MinValue;
        /// <summary>Held open, unshared, while the receiver runs: two receivers on one spool would each write what the other holds.</summary>
        private FileStream? _lock;

        private DeliverySpool(string folder, TimeSpan window)
        {
            Folder = folder;
            _window = window;
            _written = Path.Combine(folder, "written");
        }

        /// <summary>The spool's full path.</summary>
        public string Folder { get; }

        /// <summary>
        /// Opens the spool, creating the folder (for its owner only) when missing, and proves it can write there. A path that
        /// is a file, or a folder it cannot write to, throws SpoolException saying which.
        /// </summary>
        public static DeliverySpool Open(string path, TimeSpan window)
        {
            string full;
            try
            {
                full = Path.GetFullPath(path);
            }
            catch (Exception ex) when (ex is ArgumentException || ex is NotSupportedException || ex is PathTooLongException)
            {
                throw new SpoolException($"'{path}' is not a usable path: {ex.Message}");
            }
            if (File.Exists(full)) throw new SpoolException($"'{full}' is a file, not a folder.");
            var spool = new DeliverySpool(full, window);
            try
            {
                PrivateFiles.CreateDirectory(full);
                PrivateFiles.CreateDirectory(spool._written);
                var probe = Path.Combine(full, $".probe-{Guid.NewGuid():N}.tmp");
                using (var stream = PrivateFiles.CreateNew(probe)) stream.Flush(flushToDisk: true);
                File.Delete(probe);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new SpoolException($"Cannot write to the folder '{full}': {ex.Message}");
            }
            var lockPath = Path.Combine(full, "receiver.lock");
            try
            {
                if (!File.Exists(lockPath)) PrivateFiles.CreateNew(lockPath).Dispose();
            }
            catch (IOException)
            {
                // Made by another receiver meanwhile: the open below decides.
            }
            try
            {
                spool._lock = new FileStream(lockPath, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                throw new SpoolException($"Another receiver is using the spool '{full}'. Each receiver needs a spool of its own.");
            }
            catch (UnauthorizedAccessException ex)
            {
                throw new SpoolException($"Cannot write to the folder '{full}': {ex.Message}");
            }
            return spool;
        }

        /// <summary>
        /// What an earlier run left: the deliveries it accepted and did not finish writing, oldest first (as redelivered), and
        /// the payloads it wrote within the duplicate window. Temporary files of a write cut short are removed (their sender
        /// got no 200); a file that cannot be read is renamed *.unreadable, kept for a person to look at, and named in
        /// <paramref name="unreadable"/>.
        /// </summary>
        public IReadOnlyList<AcceptedDelivery> Load(out List<KeyValuePair<string, DateTimeOffset>> written, out List<string> unreadable)
        {
            unreadable = new List<string>();
            foreach (var temporary in Directory.GetFiles(Folder, ".*.tmp")) TryDelete(temporary);
            var pending = new List<AcceptedDelivery>();
            foreach (var file in Directory.GetFiles(Folder, "*" + Extension).OrderBy(f => Path.GetFileName(f), StringComparer.Ordinal))
            {
                var read = TryRead(file);
                if (read != null)
                {
                    pending.Add(read);
                    continue;
                }
                try
                {
                    File.Move(file, file + UnreadableExtension);
                    unreadable.Add(file + UnreadableExtension);
                }
                catch (IOException)
                {
                    unreadable.Add(file);
                }
            }
            Prune(DateTimeOffset.UtcNow, force: true);
            written = new List<KeyValuePair<string, DateTimeOffset>>();
            if (_window > TimeSpan.Zero && Directory.Exists(_written))
            {
                foreach (var marker in Directory.GetFiles(_written))
                {
                    if (TryReadMarker(Path.GetFileName(marker), out var key, out var at)) written.Add(new KeyValuePair<string, DateTimeOffset>(key, at));
                }
                written.Sort((a, b) => a.Value.CompareTo(b.Value));
            }
            return pending;
        }

        /// <summary>Keeps a delivery on disk and returns its file; throws IOException (or UnauthorizedAccessException) when it cannot.</summary>
        public string Keep(byte[] body, TableauWebhookDelivery delivery)
        {
            var name = $"{delivery.ReceivedAtOffset.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{RandomHex(6)}{Extension}";
            var final = Path.Combine(Folder, name);
            var temporary = Path.Combine(Folder, "." + name + ".tmp");
            try
            {
                using (var stream = PrivateFiles.CreateNew(temporary))
                {
                    var head = new StringBuilder();
                    head.Append(FirstLine).Append('\n');
                    head.Append("Received-At: ").Append(delivery.ReceivedAtOffset.UtcDateTime.ToString("o", CultureInfo.InvariantCulture)).Append('\n');
                    head.Append("Remote-Address: ").Append(Clean(delivery.RemoteAddress)).Append('\n');
                    if (delivery.UserAgent != null) head.Append("User-Agent: ").Append(Clean(delivery.UserAgent)).Append('\n');
                    head.Append("Path: ").Append(Clean(delivery.Path)).Append('\n');
                    head.Append('\n');
                    var bytes = Encoding.UTF8.GetBytes(head.ToString());
                    stream.Write(bytes, 0, bytes.Length);
                    stream.Write(body, 0, body.Length);
                    stream.Flush(flushToDisk: true);
                }
                File.Move(temporary, final);
                PrivateFiles.FlushDirectory(Folder);
                return final;
            }
            finally
            {
                TryDelete(temporary);
            }
        }

        /// <summary>
        /// The pipeline took the delivery: its file goes, and a marker of its payload stays for the duplicate window. A file
        /// that cannot be removed throws IOException: it would be written again by the next run.
        /// </summary>
        public void Forget(AcceptedDelivery delivery)
        {
            if (delivery.SpoolFile == null) return;
            if (_window > TimeSpan.Zero)
            {
                try
                {
                    var marker = Path.Combine(_written, $"{delivery.AcceptedAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture)}-{delivery.Key}");
                    if (!File.Exists(marker)) PrivateFiles.CreateNew(marker).Dispose();
                }
                catch (IOException)
                {
                    // Only the duplicate window across a restart is weaker for it.
                }
                catch (UnauthorizedAccessException)
                {
                }
            }
            File.Delete(delivery.SpoolFile);
            Prune(DateTimeOffset.UtcNow, force: false);
        }

        private void Prune(DateTimeOffset now, bool force)
        {
            lock (_pruning)
            {
                if (!force && now - _lastPruned < PruneEvery) return;
                _lastPruned = now;
            }
            if (!Directory.Exists(_written)) return;
            foreach (var marker in Directory.GetFiles(_written))
            {
                if (!TryReadMarker(Path.GetFileName(marker), out _, out var at) || now - at > _window) TryDelete(marker);
            }
        }

        public void Dispose()
        {
            _lock?.Dispose();
            _lock = null;
        }

        private static bool TryReadMarker(string name, out string key, out DateTimeOffset at)
        {
            key = "";
            at = default;
            var dash = name.IndexOf('-');
            if (dash != 19 || !long.TryParse(name.Substring(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                || ticks < DateTime.MinValue.Ticks || ticks > DateTime.MaxValue.Ticks) return false;
            key = name.Substring(dash + 1);
            at = new DateTimeOffset(ticks, TimeSpan.Zero);
            return key.Length == 64;
        }

        private static AcceptedDelivery? TryRead(string file)
        {
            try
            {
                var bytes = File.ReadAllBytes(file);
                var end = IndexOf(bytes, new byte[] { (byte)'\n', (byte)'\n' });
                if (end < 0) return null;
                var lines = Encoding.UTF8.GetString(bytes, 0, end).Split('\n');
                if (lines[0] != FirstLine) return null;
                var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var line in lines.Skip(1))
                {
                    var colon = line.IndexOf(": ", StringComparison.Ordinal);
                    if (colon > 0) fields[line.Substring(0, colon)] = line.Substring(colon + 2);
                }
                if (!fields.TryGetValue("Received-At", out var at) ||
                    !DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var receivedAt)) return null;
                var body = new byte[bytes.Length - end - 2];
                Array.Copy(bytes, end + 2, body, 0, body.Length);
                var payload = WebhookPayload.Read(body);
                fields.TryGetValue("User-Agent", out var userAgent);
                var delivery = new TableauWebhookDelivery(payload, fields.TryGetValue("Path", out var path) ? path : "",
                    fields.TryGetValue("Remote-Address", out var remote) ? remote : "", receivedAt, userAgent, redelivered: true);
                return new AcceptedDelivery(delivery, DuplicateWindow.Key(body), file);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException || ex is TableauException)
            {
                return null;
            }
        }

        private static int IndexOf(byte[] bytes, byte[] what)
        {
            for (var i = 0; i + what.Length <= bytes.Length; i++)
            {
                var match = true;
                for (var j = 0; j < what.Length && match; j++) match = bytes[i + j] == what[j];
                if (match) return i;
            }
            return -1;
        }

        // One line per field: a control character from a header value could not split it into two.
        private static string Clean(string value)
        {
            var text = new StringBuilder(value.Length);
            foreach (var c in value) text.Append(c < ' ' || c == '\x7f' ? '?' : c);
            return text.ToString();
        }

        private static string RandomHex(int bytes)
        {
            var random = new byte[bytes];
            using (var generator = RandomNumberGenerator.Create()) generator.GetBytes(random);
            return string.Concat(random.Select(b => b.ToString("x2", CultureInfo.InvariantCulture)));
        }

        private static void TryDelete(string path)
        {
            try
            {
                if (File.Exists(path)) File.Delete(path);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
