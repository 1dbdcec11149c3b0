using System;
using System.Text;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// A fully read HTTP answer, buffered as received. The text is decoded only when something asks for it (XML, error
    /// reports, sniffing): JSON is parsed straight from the bytes.
    /// </summary>
    internal sealed class ApiResponse
    {
        private static readonly byte[] NoContent = new byte[0];
        private string? _body;

        /// <summary>The body's bytes as the server sent them.</summary>
        public byte[] Content { get; set; } = NoContent;
        public int Status { get; set; }
        public string? ReasonPhrase { get; set; }
        public string? ContentType { get; set; }
        /// <summary>The body as text. Tableau always answers UTF-8; decoding by hand also survives a bogus charset from a proxy.</summary>
        public string Body
        {
            get => _body ?? (_body = Encoding.UTF8.GetString(Content).TrimStart('\uFEFF'));
            set => _body = value;
        }
        /// <summary>"METHOD /path" of the request, for error reports (no host, no query).</summary>
        public string Request { get; set; } = "";
        public Uri? Location { get; set; }
        public string? RetryAfter { get; set; }
        /// <summary>Retry-After as a wait from when the answer came (an HTTP-date is read against the server's Date header).</summary>
        public TimeSpan? RetryAfterDelay { get; set; }
        /// <summary>"GET /api/... -> 503 in 12 ms": the trace line for this attempt.</summary>
        public string? Attempt { get; set; }
    }
}
