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
    }
}
