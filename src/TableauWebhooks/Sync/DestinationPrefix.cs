using System;
using System.Linq;

namespace TableauWebhooks.Sync
{
    /// <summary>
    /// The beginning of a URL, as a -DestinationUrlMap key names it: a scheme and host (and port), then whole path
    /// segments. https://hooks-dev.example.com/ matches https://hooks-dev.example.com/x but not
    /// https://hooks-dev.example.community/x; https://h.example.com/fin matches /fin and /fin/x but not /finance. The scheme
    /// and host compare without regard to case (as DNS and RFC 3986 do), the path segments exactly (paths are
    /// case-sensitive).
    /// </summary>
    internal sealed class DestinationPrefix
    {
        private DestinationPrefix(string written, string scheme, string host, int port, string[] segments)
        {
            Written = written;
            Scheme = scheme;
            Host = host;
            Port = port;
            Segments = segments;
        }

        /// <summary>The key as the map has it.</summary>
        public string Written { get; }
        public string Scheme { get; }
        public string Host { get; }
        public int Port { get; }
        public string[] Segments { get; }

        /// <summary>A prefix, or null with why not: only scheme, host, port and path; no query, fragment or user.</summary>
        public static DestinationPrefix? Parse(string written, out string? problem)
        {
            problem = null;
            if (!Split(written, out var uri, out var pathStart, out var pathEnd) || pathEnd != written.Length || uri!.UserInfo.Length > 0)
            {
                problem = "is not the beginning of a URL: give a scheme and host, such as https://hooks-dev.example.com/, and a path if you like (matched by whole segments), without a query or #fragment";
                return null;
            }
            var path = written.Substring(pathStart, pathEnd - pathStart).Trim('/');
            var segments = path.Length == 0 ? new string[0] : path.Split('/');
            return new DestinationPrefix(written, uri.Scheme, uri.Host, uri.Port, segments);
        }

        /// <summary>Whether this prefix begins <paramref name="url"/>; if so, what follows it ("/x?y=1", or "").</summary>
        public bool TryMatch(string url, out string rest)
        {
            rest = "";
            if (!Split(url, out var uri, out var pathStart, out var pathEnd)) return false;
            if (!string.Equals(uri!.Scheme, Scheme, StringComparison.OrdinalIgnoreCase) || !string.Equals(uri.Host, Host, StringComparison.OrdinalIgnoreCase) || uri.Port != Port)
                return false;
            var position = pathStart;
            foreach (var segment in Segments)
            {
                // Each key segment is one whole segment of the URL's path: "/" + segment, then "/", the end of the path, or nothing.
                if (position >= pathEnd || url[position] != '/') return false;
                var start = position + 1;
                if (string.CompareOrdinal(url, start, segment, 0, segment.Length) != 0 || start + segment.Length > pathEnd) return false;
                position = start + segment.Length;
                if (position < pathEnd && url[position] != '/') return false;
            }
            rest = url.Substring(position);
            return true;
        }

        /// <summary>Two keys that mean the same prefix (https://h.example.com and https://H.example.com:443/).</summary>
        public bool SameAs(DestinationPrefix other)
            => string.Equals(Scheme, other.Scheme, StringComparison.OrdinalIgnoreCase) && string.Equals(Host, other.Host, StringComparison.OrdinalIgnoreCase)
               && Port == other.Port && Segments.SequenceEqual(other.Segments, StringComparer.Ordinal);

        // An absolute http(s) URL with a host; where its path starts (after scheme://authority) and ends (at ? or #).
        private static bool Split(string url, out Uri? uri, out int pathStart, out int pathEnd)
        {
            pathStart = pathEnd = 0;
            if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp) || uri.Host.Length == 0)
                return false;
            var authority = url.IndexOf("://", StringComparison.Ordinal);
            if (authority < 0) return false;
            pathStart = url.IndexOfAny(new[] { '/', '?', '#' }, authority + 3);
            if (pathStart < 0) pathStart = url.Length;
            pathEnd = url.IndexOfAny(new[] { '?', '#' }, pathStart);
            if (pathEnd < 0) pathEnd = url.Length;
            return true;
        }
    }
}
