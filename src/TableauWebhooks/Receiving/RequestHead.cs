using System;
using System.Collections.Generic;
using System.Text;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// A request head parsed as RFC 9112 says a server must, refusing what it says to refuse rather than guessing: a
    /// method that is a short token, one space between the parts of the request line, HTTP/1.0 or 1.1 (505 for any other
    /// version), field names that are tokens with the colon right after them (whitespace before it is 400, as is a line
    /// starting with whitespace: obsolete line folding), no control character anywhere but a tab in a value, exactly one
    /// Host on HTTP/1.1, and a framing that cannot be read two ways (one Content-Length, or chunked, not both).
    /// </summary>
    internal sealed class RequestHead
    {
        private RequestHead(string method, string target, string version, Dictionary<string, string> headers)
        {
            Method = method;
            Target = target;
            Version = version;
            Headers = headers;
        }

        public string Method { get; }
        public string Target { get; }
        public string Version { get; }
        /// <summary>By name without regard to case; a repeated field's values joined with ", " (RFC 9110 5.3).</summary>
        public Dictionary<string, string> Headers { get; }

        /// <summary>
        /// Checks the start of a head still arriving, so a sender is refused as soon as what it sent cannot be a request
        /// (a method too long or not a token, a TLS handshake to the plain-http port) instead of after all it cares to send.
        /// </summary>
        public static void CheckStart(byte[] data, int length)
        {
            if (length > 0 && data[0] == 0x16)
                throw UnreadableRequestException.BadRequest("not HTTP: the bytes of a TLS handshake, from an https client to this plain-http port");
            for (var i = 0; i < length && i <= ReceiverLimits.MaxMethodLength; i++)
            {
                if (data[i] == (byte)' ')
                {
                    if (i == 0) throw UnreadableRequestException.BadRequest("the request line starts with a space", new SentBytes(data, 0, Math.Min(length, LineEnd(data, length))));
                    return;
                }
                if (!IsTokenChar(data[i]))
                    throw UnreadableRequestException.BadRequest("the method is not a token", new SentBytes(data, 0, Math.Min(length, LineEnd(data, length))));
            }
            if (length > ReceiverLimits.MaxMethodLength)
                throw UnreadableRequestException.BadRequest($"the method is longer than {ReceiverLimits.MaxMethodLength} characters", new SentBytes(data, 0, Math.Min(length, LineEnd(data, length))));
        }

        /// <summary>Parses the head: <paramref name="length"/> bytes, up to (without) the empty line that ends it.</summary>
        public static RequestHead Parse(byte[] data, int length)
        {
            var lines = SplitLines(data, length);
            var (lineStart, lineLength) = lines[0];
            var requestLine = Line(data, lineStart, lineLength);
            if (lineLength > ReceiverLimits.MaxRequestLineBytes) throw new UnreadableRequestException(414, "URI Too Long", $"a request line over {ReceiverLimits.MaxRequestLineBytes} bytes");
            if (lines.Count - 1 > ReceiverLimits.MaxHeaderCount)
                throw new UnreadableRequestException(431, "Request Header Fields Too Large", $"more than {ReceiverLimits.MaxHeaderCount} header fields");

            var firstSpace = requestLine.IndexOf(' ');
            var secondSpace = firstSpace < 0 ? -1 : requestLine.IndexOf(' ', firstSpace + 1);
            if (firstSpace <= 0 || secondSpace < 0) throw UnreadableRequestException.BadRequest("not a request line (method, target and version, one space apart)", Quote(data, lineStart, lineLength));
            var method = requestLine.Substring(0, firstSpace);
            var target = requestLine.Substring(firstSpace + 1, secondSpace - firstSpace - 1);
            var version = requestLine.Substring(secondSpace + 1);
            if (method.Length > ReceiverLimits.MaxMethodLength || !IsToken(method)) throw UnreadableRequestException.BadRequest("the method is not a short token", Quote(data, lineStart, lineLength));
            for (var i = lineStart; i < lineStart + lineLength; i++)
                if (data[i] < 0x20 || data[i] >= 0x7F) throw UnreadableRequestException.BadRequest("a control character or a byte outside ASCII in the request line", Quote(data, lineStart, lineLength));
            if (target.Length == 0) throw UnreadableRequestException.BadRequest("an empty target", Quote(data, lineStart, lineLength));
            if (!IsVersion(version)) throw UnreadableRequestException.BadRequest("not a request line (method, target and version, one space apart)", Quote(data, lineStart, lineLength));
            if (version != "HTTP/1.1" && version != "HTTP/1.0")
                throw new UnreadableRequestException(505, "HTTP Version Not Supported", "only HTTP/1.0 and HTTP/1.1 are served", Quote(data, lineStart, lineLength)) { Method = method };

            try
            {
                var headers = ParseFields(data, lines, 1);
                CheckFraming(version, headers);
                return new RequestHead(method, target, version, Join(headers));
            }
            catch (UnreadableRequestException ex)
            {
                ex.Method = method;
                throw;
            }
        }

        /// <summary>Header or trailer fields, each line by RFC 9112 5; values with their surrounding spaces and tabs trimmed.</summary>
        public static Dictionary<string, List<string>> ParseFields(byte[] data, IReadOnlyList<(int Start, int Length)> lines, int first)
        {
            var fields = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            for (var n = first; n < lines.Count; n++)
            {
                var (start, length) = lines[n];
                if (length == 0) throw UnreadableRequestException.BadRequest("an empty header line");
                if (data[start] == (byte)' ' || data[start] == (byte)'\t')
                    throw UnreadableRequestException.BadRequest("a header line starting with whitespace (obsolete line folding)", Quote(data, start, length));
                var colon = Array.IndexOf(data, (byte)':', start, length);
                if (colon < 0) throw UnreadableRequestException.BadRequest("a header line without a colon", Quote(data, start, length));
                if (colon == start) throw UnreadableRequestException.BadRequest("a header line with no name", Quote(data, start, length));
                for (var i = start; i < colon; i++)
                {
                    if (data[i] == (byte)' ' || data[i] == (byte)'\t')
                        throw UnreadableRequestException.BadRequest("whitespace between a header name and its colon", Quote(data, start, length));
                    if (!IsTokenChar(data[i])) throw UnreadableRequestException.BadRequest("a header name that is not a token", Quote(data, start, length));
                }
                var valueStart = colon + 1;
                var valueEnd = start + length;
                for (var i = valueStart; i < valueEnd; i++)
                    if ((data[i] < 0x20 && data[i] != (byte)'\t') || data[i] == 0x7F)
                        throw UnreadableRequestException.BadRequest("a control character in a header value", Quote(data, start, length));
                while (valueStart < valueEnd && (data[valueStart] == (byte)' ' || data[valueStart] == (byte)'\t')) valueStart++;
                while (valueEnd > valueStart && (data[valueEnd - 1] == (byte)' ' || data[valueEnd - 1] == (byte)'\t')) valueEnd--;
                var name = Line(data, start, colon - start);
                if (!fields.TryGetValue(name, out var values)) fields[name] = values = new List<string>();
                values.Add(Line(data, valueStart, valueEnd - valueStart));
            }
            return fields;
        }

        /// <summary>The lines of a head: split at CRLF; a CR or LF alone is a control character inside a line, refused by the checks.</summary>
        public static List<(int Start, int Length)> SplitLines(byte[] data, int length)
        {
            var lines = new List<(int, int)>();
            var start = 0;
            for (var i = 0; i + 1 < length; i++)
            {
                if (data[i] != (byte)'\r' || data[i + 1] != (byte)'\n') continue;
                lines.Add((start, i - start));
                start = i + 2;
                i++;
                if (lines.Count > ReceiverLimits.MaxHeaderCount + 1) throw new UnreadableRequestException(431, "Request Header Fields Too Large", $"more than {ReceiverLimits.MaxHeaderCount} header fields");
            }
            lines.Add((start, length - start));
            return lines;
        }

        private static void CheckFraming(string version, Dictionary<string, List<string>> headers)
        {
            headers.TryGetValue("Host", out var hosts);
            if (version == "HTTP/1.1" && hosts == null) throw UnreadableRequestException.BadRequest("an HTTP/1.1 request without Host");
            if (hosts != null && hosts.Count > 1) throw UnreadableRequestException.BadRequest("more than one Host");
            headers.TryGetValue("Content-Length", out var lengths);
            headers.TryGetValue("Transfer-Encoding", out var encodings);
            if (lengths != null && lengths.Count > 1) throw UnreadableRequestException.BadRequest("more than one Content-Length");
            if (encodings != null && lengths != null) throw UnreadableRequestException.BadRequest("both Transfer-Encoding and Content-Length");
            if (encodings != null && version == "HTTP/1.0") throw UnreadableRequestException.BadRequest("Transfer-Encoding in an HTTP/1.0 request");
        }

        private static Dictionary<string, string> Join(Dictionary<string, List<string>> fields)
        {
            var joined = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var field in fields) joined[field.Key] = string.Join(", ", field.Value);
            return joined;
        }

        private static bool IsVersion(string version) =>
            version.Length == 8 && version.StartsWith("HTTP/", StringComparison.Ordinal) && IsDigit(version[5]) && version[6] == '.' && IsDigit(version[7]);

        private static bool IsDigit(char c) => c >= '0' && c <= '9';

        private static bool IsToken(string text)
        {
            foreach (var c in text)
                if (c > 0x7F || !IsTokenChar((byte)c)) return false;
            return text.Length > 0;
        }

        // tchar (RFC 9110 5.6.2): ! # $ % & ' * + - . ^ _ ` | ~ DIGIT ALPHA
        public static bool IsTokenChar(byte b) =>
            (b >= (byte)'a' && b <= (byte)'z') || (b >= (byte)'A' && b <= (byte)'Z') || (b >= (byte)'0' && b <= (byte)'9') || "!#$%&'*+-.^_`|~".IndexOf((char)b) >= 0;

        private static int LineEnd(byte[] data, int length)
        {
            var cr = Array.IndexOf(data, (byte)'\r', 0, length);
            return cr < 0 ? length : cr;
        }

        private static SentBytes Quote(byte[] data, int start, int length) => new SentBytes(data, start, length);

        // One character per byte: a value is bytes (RFC 9110 5.5), and anything outside ASCII stays as sent.
        private static string Line(byte[] data, int start, int length)
        {
            var text = new StringBuilder(length);
            for (var i = start; i < start + length; i++) text.Append((char)data[i]);
            return text.ToString();
        }
    }
}
