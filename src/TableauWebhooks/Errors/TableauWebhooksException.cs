using System;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Errors
{
    /// <summary>
    /// The exception inside every error record the module writes, whether Tableau answered with an error, the network
    /// failed, or the input was refused before anything was sent. It is the module's own public type (the client's
    /// exception stays an implementation detail), so scripts can catch [TableauWebhooks.Errors.TableauWebhooksException]
    /// and read its ErrorId and, when Tableau answered, Tableau's code, summary and detail.
    /// </summary>
    public sealed class TableauWebhooksException : Exception
    {
        internal TableauWebhooksException(TableauException source)
            : base(source.Message)
        {
            ErrorId = source.ErrorId;
            HttpStatus = source.HttpStatus;
            Code = source.Code;
            Summary = source.Summary;
            Detail = source.Detail;
            Request = source.Request;
        }

        internal TableauWebhooksException(string errorId, string message)
            : base(message)
        {
            ErrorId = errorId;
        }

        public string ErrorId { get; }
        /// <summary>The HTTP status Tableau answered with; 0 when the failure happened before or outside HTTP.</summary>
        public int HttpStatus { get; }
        /// <summary>Tableau's six-digit error code, e.g. 404003; null when Tableau sent no error document.</summary>
        public string? Code { get; }
        public string? Summary { get; }
        public string? Detail { get; }
        /// <summary>Method and path of the failed request, without host, query or headers.</summary>
        public string? Request { get; }
    }
}
