using System;

namespace TableauWebhooks.Receiving
{
    /// <summary>Why a request was not read whole: answered with this status and the connection closed.</summary>
    internal sealed class UnreadableRequestException : Exception
    {
        public UnreadableRequestException(int status, string reason) : base(reason)
        {
            Status = status;
        }

        public int Status { get; }
    }
}
