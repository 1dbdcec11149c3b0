using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// Reads one HTTP/1.1 request from a connection, within limits: a head of at most MaxHeadBytes, a body of at most the
    /// body limit, by Content-Length or chunked. Anything else is an UnreadableRequestException with the status to answer.
    /// Only what a webhook sender needs; the connection is closed after every answer, so no pipelining or keep-alive.
    /// </summary>
    internal static class HttpRequestReader
    {
        public const int MaxHeadBytes = 16 * 1024;
        private static readonly byte[] EndOfHead = { 13, 10, 13, 10 };

        public static async Task<ReceivedRequest> ReadAsync(Stream stream, int maxBodyBytes, string remoteAddress, CancellationToken cancellationToken)
        {
            var buffer = new byte[8192];
            var head = new MemoryStream();
            int headEnd;
            while (true)
            {
                var read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0) throw new UnreadableRequestException(400, "Bad Request");
                // Only the new bytes, and the last EndOfHead.Length - 1 before them, can complete the marker: searching
                // the whole head again after every read is quadratic for a sender that trickles it a byte at a time.
                var searchFrom = Math.Max(0, (int)head.Length - (EndOfHead.Length - 1));
                head.Write(buffer, 0, read);
                headEnd = IndexOf(head.GetBuffer(), searchFrom, (int)head.Length, EndOfHead);
                if (headEnd >= 0) break;
                if (head.Length > MaxHeadBytes) throw new UnreadableRequestException(431, "Request Header Fields Too Large");
            }
            if (headEnd > MaxHeadBytes) throw new UnreadableRequestException(431, "Request Header Fields Too Large");

            var all = head.GetBuffer();
            var lines = Encoding.ASCII.GetString(all, 0, headEnd).Split(new[] { "\r\n" }, StringSplitOptions.None);
            var requestLine = lines[0].Split(' ');
            if (requestLine.Length != 3 || !requestLine[2].StartsWith("HTTP/1.", StringComparison.Ordinal) || requestLine[1].Length == 0)
                throw new UnreadableRequestException(400, "Bad Request");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            for (var i = 1; i < lines.Length; i++)
            {
                var colon = lines[i].IndexOf(':');
                if (colon <= 0) throw new UnreadableRequestException(400, "Bad Request");
                var name = lines[i].Substring(0, colon).Trim();
                var value = lines[i].Substring(colon + 1).Trim();
                headers[name] = headers.TryGetValue(name, out var earlier) ? earlier + ", " + value : value;
            }

            // What came after the head in the same reads is the start of the body.
            var extra = new MemoryStream();
            extra.Write(all, headEnd + EndOfHead.Length, (int)head.Length - headEnd - EndOfHead.Length);
            var body = await ReadBodyAsync(stream, headers, extra, maxBodyBytes, buffer, cancellationToken).ConfigureAwait(false);
            return new ReceivedRequest(requestLine[0], requestLine[1], headers, body, remoteAddress);
        }

        private static async Task<byte[]> ReadBodyAsync(Stream stream, Dictionary<string, string> headers, MemoryStream start, int maxBodyBytes,
            byte[] buffer, CancellationToken cancellationToken)
        {
            if (headers.TryGetValue("Transfer-Encoding", out var encoding))
            {
                if (!string.Equals(encoding.Trim(), "chunked", StringComparison.OrdinalIgnoreCase))
                    throw new UnreadableRequestException(501, "Not Implemented");
                return await ReadChunkedAsync(stream, start, maxBodyBytes, buffer, cancellationToken).ConfigureAwait(false);
            }
            if (!headers.TryGetValue("Content-Length", out var lengthText))
            {
                // No length and nothing more sent: a request without a body. Bytes after the head with no length: 411.
                if (start.Length > 0) throw new UnreadableRequestException(411, "Length Required");
                return new byte[0];
            }
            if (!long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length)) throw new UnreadableRequestException(400, "Bad Request");
            if (length > maxBodyBytes) throw new UnreadableRequestException(413, "Payload Too Large");

            var body = new MemoryStream((int)length);
            body.Write(start.GetBuffer(), 0, (int)Math.Min(start.Length, length));
            while (body.Length < length)
            {
                var read = await stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, length - body.Length), cancellationToken).ConfigureAwait(false);
                if (read == 0) throw new UnreadableRequestException(400, "Bad Request");
                body.Write(buffer, 0, read);
            }
            return body.ToArray();
        }

        // Chunked transfer coding: hex size line, data, CRLF, until a zero size (trailers are read and ignored).
        private static async Task<byte[]> ReadChunkedAsync(Stream stream, MemoryStream start, int maxBodyBytes, byte[] buffer, CancellationToken cancellationToken)
        {
            var input = new BufferedInput(stream, start, buffer);
            var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                var sizeText = sizeLine.Split(';')[0].Trim();
                if (!int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                    throw new UnreadableRequestException(400, "Bad Request");
                if (size == 0)
                {
                    while ((await input.ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length > 0)
                    {
                    }
                    return body.ToArray();
                }
                if (body.Length + size > maxBodyBytes) throw new UnreadableRequestException(413, "Payload Too Large");
                await input.CopyAsync(body, size, cancellationToken).ConfigureAwait(false);
                if ((await input.ReadLineAsync(cancellationToken).ConfigureAwait(false)).Length != 0) throw new UnreadableRequestException(400, "Bad Request");
            }
        }

        private static int IndexOf(byte[] data, int start, int length, byte[] pattern)
        {
            for (var i = start; i <= length - pattern.Length; i++)
            {
                var match = true;
                for (var j = 0; j < pattern.Length && match; j++) match = data[i + j] == pattern[j];
                if (match) return i;
            }
            return -1;
        }

        /// <summary>Bytes already read, then the stream: for the line-oriented chunked coding.</summary>
        private sealed class BufferedInput
        {
            private readonly Stream _stream;
            private readonly byte[] _buffer;
            private byte[] _pending;
            private int _offset;

            public BufferedInput(Stream stream, MemoryStream start, byte[] buffer)
            {
                _stream = stream;
                _buffer = buffer;
                _pending = start.ToArray();
            }

            private async Task<bool> FillAsync(CancellationToken cancellationToken)
            {
                if (_offset < _pending.Length) return true;
                var read = await _stream.ReadAsync(_buffer, 0, _buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0) return false;
                _pending = new byte[read];
                Array.Copy(_buffer, _pending, read);
                _offset = 0;
                return true;
            }

            public async Task<string> ReadLineAsync(CancellationToken cancellationToken)
            {
                var line = new StringBuilder();
                while (true)
                {
                    if (!await FillAsync(cancellationToken).ConfigureAwait(false)) throw new UnreadableRequestException(400, "Bad Request");
                    var b = _pending[_offset++];
                    if (b == '\n') return line.ToString().TrimEnd('\r');
                    if (line.Length > 1024) throw new UnreadableRequestException(400, "Bad Request");
                    line.Append((char)b);
                }
            }

            public async Task CopyAsync(Stream to, int count, CancellationToken cancellationToken)
            {
                while (count > 0)
                {
                    if (!await FillAsync(cancellationToken).ConfigureAwait(false)) throw new UnreadableRequestException(400, "Bad Request");
                    var take = Math.Min(count, _pending.Length - _offset);
                    to.Write(_pending, _offset, take);
                    _offset += take;
                    count -= take;
                }
            }
        }
    }
}
