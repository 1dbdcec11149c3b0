using System;

namespace TableauWebhooks.Client.Http
{
    /// <summary>A fully read HTTP answer: small documents only, so the body is buffered as text.</summary>
    internal sealed class ApiResponse
    {
        public int Status { get; set; }
        public string? ReasonPhrase { get; set; }
        public string? ContentType { get; set; }
        public string Body { get; set; } = "";
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
