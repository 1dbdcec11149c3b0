using System;

namespace TableauWebhooks.Receiving
{
    /// <summary>Why a request was not read whole: answered with this status and the connection closed.</summary>
    internal sealed class UnreadableRequestException : Exception
    {
        public UnreadableRequestException(int status, string reason, string? detail = null, string? quoted = null) : base(reason)
        {
            Status = status;
            Detail = detail;
            Quoted = quoted;
        }

        public int Status { get; }
        /// <summary>What was wrong, in words, for the note (never the sender's bytes).</summary>
        public string? Detail { get; }
        /// <summary>The offending part as sent, already escaped and cut short by NoteText.Quote.</summary>
        public string? Quoted { get; }
        /// <summary>The request's method when it was read before the problem: a HEAD is answered without a body.</summary>
        public string? Method { get; set; }

        public static UnreadableRequestException BadRequest(string detail, string? quoted = null) => new UnreadableRequestException(400, "Bad Request", detail, quoted);
    }
}
