using System;

namespace TableauWebhooks.Receiving
{
    /// <summary>Why a request was not read whole: answered with this status and the connection closed.</summary>
    internal sealed class UnreadableRequestException : Exception
    {
        public UnreadableRequestException(int status, string reason, string? detail = null, SentBytes? sent = null) : base(reason)
        {
            Status = status;
            Detail = detail;
            Sent = sent;
        }

        public int Status { get; }
        /// <summary>What was wrong, in words, for the note (never the sender's bytes).</summary>
        public string? Detail { get; }
        /// <summary>The offending part as sent, for the note to quote (masked, escaped and cut short there).</summary>
        public SentBytes? Sent { get; }
        /// <summary>The request's method when it was read before the problem: a HEAD is answered without a body.</summary>
        public string? Method { get; set; }

        public static UnreadableRequestException BadRequest(string detail, SentBytes? sent = null) => new UnreadableRequestException(400, "Bad Request", detail, sent);
    }
}
