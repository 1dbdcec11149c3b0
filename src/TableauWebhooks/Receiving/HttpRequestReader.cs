using System;
using System.Globalization;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// Reads one HTTP/1.1 request from a connection, within ReceiverLimits: a head parsed strictly (RequestHead), then a
    /// body of at most the body limit, by Content-Length or chunked. Anything else is an UnreadableRequestException with
    /// the status to answer. Only what a webhook sender needs; the connection is closed after every answer, so no
    /// pipelining or keep-alive.
    /// </summary>
    internal static class HttpRequestReader
    {
        private const int MaxHeadBytes = ReceiverLimits.MaxRequestLineBytes + 2 + ReceiverLimits.MaxHeaderBytes;
        private static readonly byte[] EndOfHead = { 13, 10, 13, 10 };

        /// <param name="headRead">Called once the head is read whole, before the body is read.</param>
        /// <returns>The request, or null when the connection was closed before a byte was sent (a port probe).</returns>
        public static async Task<ReceivedRequest?> ReadAsync(Stream stream, int maxBodyBytes, string remoteAddress, Action headRead, CancellationToken cancellationToken)
        {
            var buffer = new byte[4096];
            var head = new MemoryStream();
            int headEnd;
            while (true)
            {
                var read = await stream.ReadAsync(buffer, 0, buffer.Length, cancellationToken).ConfigureAwait(false);
                if (read == 0)
                {
                    if (head.Length == 0) return null;
                    throw UnreadableRequestException.BadRequest("the connection was closed in the middle of the request head");
                }
                // Only the new bytes, and the last EndOfHead.Length - 1 before them, can complete the marker: searching
                // the whole head again after every read is quadratic for a sender that trickles it a byte at a time.
                var searchFrom = Math.Max(0, (int)head.Length - (EndOfHead.Length - 1));
                head.Write(buffer, 0, read);
                var all = head.GetBuffer();
                RequestHead.CheckStart(all, (int)head.Length);
                headEnd = IndexOf(all, searchFrom, (int)head.Length, EndOfHead);
                if (headEnd >= 0) break;
                if (head.Length > ReceiverLimits.MaxRequestLineBytes && IndexOf(all, 0, (int)head.Length, EndOfHead, 2) < 0)
                    throw new UnreadableRequestException(414, "URI Too Long", $"a request line over {ReceiverLimits.MaxRequestLineBytes} bytes");
                if (head.Length > MaxHeadBytes)
                    throw new UnreadableRequestException(431, "Request Header Fields Too Large", $"a head over {MaxHeadBytes} bytes");
            }
            if (headEnd > MaxHeadBytes) throw new UnreadableRequestException(431, "Request Header Fields Too Large", $"a head over {MaxHeadBytes} bytes");

            var parsed = RequestHead.Parse(head.GetBuffer(), headEnd);
            headRead();
            // What came after the head in the same reads is the start of the body.
            var afterHead = headEnd + EndOfHead.Length;
            var start = new MemoryStream();
            start.Write(head.GetBuffer(), afterHead, (int)head.Length - afterHead);
            try
            {
                var body = await ReadBodyAsync(stream, parsed, start, maxBodyBytes, buffer, cancellationToken).ConfigureAwait(false);
                return new ReceivedRequest(parsed.Method, parsed.Target, parsed.Headers, body, remoteAddress);
            }
            catch (UnreadableRequestException ex)
            {
                ex.Method = parsed.Method;
                throw;
            }
        }

        private static async Task<byte[]> ReadBodyAsync(Stream stream, RequestHead head, MemoryStream start, int maxBodyBytes, byte[] buffer, CancellationToken cancellationToken)
        {
            if (head.Headers.TryGetValue("Transfer-Encoding", out var encoding))
            {
                if (!string.Equals(encoding, "chunked", StringComparison.OrdinalIgnoreCase))
                    throw new UnreadableRequestException(501, "Not Implemented", "a transfer coding other than chunked");
                return await ReadChunkedAsync(stream, start, maxBodyBytes, buffer, cancellationToken).ConfigureAwait(false);
            }
            if (!head.Headers.TryGetValue("Content-Length", out var lengthText))
            {
                // No length and nothing more sent: a request without a body. Bytes after the head with no length: 411.
                if (start.Length > 0) throw new UnreadableRequestException(411, "Length Required", "a body without Content-Length");
                return new byte[0];
            }
            if (lengthText.Length == 0 || lengthText.Length > 18 || !long.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length))
                throw UnreadableRequestException.BadRequest("a Content-Length that is not a number");
            if (length > maxBodyBytes) throw new UnreadableRequestException(413, "Payload Too Large", $"a body over -MaximumBodyBytes ({maxBodyBytes})");

            var body = new MemoryStream((int)length);
            body.Write(start.GetBuffer(), 0, (int)Math.Min(start.Length, length));
            while (body.Length < length)
            {
                var read = await stream.ReadAsync(buffer, 0, (int)Math.Min(buffer.Length, length - body.Length), cancellationToken).ConfigureAwait(false);
                if (read == 0) throw UnreadableRequestException.BadRequest("the connection was closed before the whole body was sent");
                body.Write(buffer, 0, read);
            }
            return body.ToArray();
        }

        // Chunked transfer coding: hex size line, data, CRLF, until a zero size; trailer fields are checked like header
        // fields, bounded, and ignored.
        private static async Task<byte[]> ReadChunkedAsync(Stream stream, MemoryStream start, int maxBodyBytes, byte[] buffer, CancellationToken cancellationToken)
        {
            var input = new BufferedInput(stream, start, buffer);
            var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await input.ReadLineAsync(ReceiverLimits.MaxChunkLineBytes, cancellationToken).ConfigureAwait(false);
                var semicolon = sizeLine.IndexOf(';');
                var sizeText = (semicolon < 0 ? sizeLine : sizeLine.Substring(0, semicolon)).TrimEnd(' ', '\t');
                if (sizeText.Length == 0 || sizeText.Length > 8 || !IsHex(sizeText) ||
                    !int.TryParse(sizeText, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                    throw UnreadableRequestException.BadRequest("a chunk size that is not a hexadecimal number");
                if (size == 0)
                {
                    await ReadTrailersAsync(input, cancellationToken).ConfigureAwait(false);
                    return body.ToArray();
                }
                if (body.Length + size > maxBodyBytes) throw new UnreadableRequestException(413, "Payload Too Large", $"a body over -MaximumBodyBytes ({maxBodyBytes})");
                await input.CopyAsync(body, size, cancellationToken).ConfigureAwait(false);
                if ((await input.ReadLineAsync(0, cancellationToken).ConfigureAwait(false)).Length != 0)
                    throw UnreadableRequestException.BadRequest("a chunk longer than its size");
            }
        }

        private static async Task ReadTrailersAsync(BufferedInput input, CancellationToken cancellationToken)
        {
            var count = 0;
            var bytes = 0;
            while (true)
            {
                var line = await input.ReadLineAsync(ReceiverLimits.MaxTrailerBytes, cancellationToken).ConfigureAwait(false);
                if (line.Length == 0) return;
                bytes += line.Length + 2;
                if (++count > ReceiverLimits.MaxTrailerCount || bytes > ReceiverLimits.MaxTrailerBytes)
                    throw new UnreadableRequestException(431, "Request Header Fields Too Large",
                        $"trailer fields over {ReceiverLimits.MaxTrailerCount} or {ReceiverLimits.MaxTrailerBytes} bytes");
                var raw = new byte[line.Length];
                for (var i = 0; i < raw.Length; i++) raw[i] = (byte)line[i];
                RequestHead.ParseFields(raw, new[] { (0, raw.Length) }, 0);
            }
        }

        private static bool IsHex(string text)
        {
            foreach (var c in text)
                if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) return false;
            return true;
        }

        private static int IndexOf(byte[] data, int start, int length, byte[] pattern, int patternLength = -1)
        {
            var n = patternLength < 0 ? pattern.Length : patternLength;
            for (var i = start; i <= length - n; i++)
            {
                var match = true;
                for (var j = 0; j < n && match; j++) match = data[i + j] == pattern[j];
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

            /// <summary>A line ended by CRLF (a CR or LF alone is refused), of at most <paramref name="maxLength"/> bytes.</summary>
            public async Task<string> ReadLineAsync(int maxLength, CancellationToken cancellationToken)
            {
                var line = new System.Text.StringBuilder();
                while (true)
                {
                    if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                        throw UnreadableRequestException.BadRequest("the connection was closed in the middle of a chunked body");
                    var b = _pending[_offset++];
                    if (b == '\r')
                    {
                        if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                            throw UnreadableRequestException.BadRequest("the connection was closed in the middle of a chunked body");
                        if (_pending[_offset++] != '\n') throw UnreadableRequestException.BadRequest("a CR without LF in a chunked body");
                        return line.ToString();
                    }
                    if (b == '\n') throw UnreadableRequestException.BadRequest("an LF without CR in a chunked body");
                    if (line.Length >= maxLength)
                        throw UnreadableRequestException.BadRequest(maxLength == 0 ? "a chunk longer than its size" : "a line too long in a chunked body");
                    line.Append((char)b);
                }
            }

            public async Task CopyAsync(Stream to, int count, CancellationToken cancellationToken)
            {
                while (count > 0)
                {
                    if (!await FillAsync(cancellationToken).ConfigureAwait(false))
                        throw UnreadableRequestException.BadRequest("the connection was closed in the middle of a chunked body");
                    var take = Math.Min(count, _pending.Length - _offset);
                    to.Write(_pending, _offset, take);
                    _offset += take;
                    count -= take;
                }
            }
        }
    }
}
