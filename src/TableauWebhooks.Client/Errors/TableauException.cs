using System;

namespace TableauWebhooks.Client.Errors
{
    /// <summary>
    /// Every failure the client reports. When Tableau answered with an error document, Code/Summary/Detail carry it;
    /// failures detected client-side or in transport have HttpStatus 0 and a null Code.
    /// Messages never contain a token, password or secret.
    /// </summary>
    public class TableauException : Exception
    {
        public TableauException(TableauErrorKind kind, string errorId, string message, Exception? inner = null)
            : base(message, inner)
        {
            Kind = kind;
            ErrorId = errorId;
        }

        public TableauErrorKind Kind { get; }
        /// <summary>A stable, descriptive identifier (e.g. WebhookNotFound, SignInFailed); never the message.</summary>
        public string ErrorId { get; }
        public int HttpStatus { get; init; }
        /// <summary>Tableau's six-digit error code, e.g. 404003.</summary>
        public string? Code { get; init; }
        public string? Summary { get; init; }
        public string? Detail { get; init; }
        /// <summary>HTTP method and path (no host, no query secrets) of the request that failed, when there was one.</summary>
        public string? Request { get; init; }
        /// <summary>
        /// The highest REST API version the server supports (major.minor), when the failure is that a higher one was asked
        /// for; null otherwise. The advice names it.
        /// </summary>
        public Version? ServerApiVersion { get; init; }
        /// <summary>How long the server asked us to wait (Retry-After on 429/503), when it said.</summary>
        public TimeSpan? RetryAfter { get; internal set; }
        /// <summary>The attempt as traced ("GET /api/... -> 503 in 12 ms"); the retry loop extends it with its decision.</summary>
        internal string? Attempt { get; set; }

        /// <summary>The same failure with another message (e.g. naming the site, or how many attempts were made).</summary>
        internal TableauException WithMessage(string message)
            => new TableauException(Kind, ErrorId, message, InnerException)
            {
                HttpStatus = HttpStatus, Code = Code, Summary = Summary, Detail = Detail, Request = Request,
                ServerApiVersion = ServerApiVersion, RetryAfter = RetryAfter, Attempt = Attempt,
            };
    }
}
