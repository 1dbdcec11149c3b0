using System;
using System.Collections.Generic;

namespace TableauWebhooks.Receiving
{
    /// <summary>One HTTP request as the listener read it, or why it could not be read whole.</summary>
    internal sealed class ReceivedRequest
    {
        public ReceivedRequest(string method, string target, IReadOnlyDictionary<string, string> headers, byte[] body, string remoteAddress)
        {
            Method = method;
            Path = target.Split('?')[0];
            Headers = headers;
            Body = body;
            RemoteAddress = remoteAddress;
        }

        public string Method { get; }
        /// <summary>The path part of the target (a path, perhaps with a query, as sent), without the query.</summary>
        public string Path { get; }
        /// <summary>By name, without regard to case.</summary>
        public IReadOnlyDictionary<string, string> Headers { get; }
        public byte[] Body { get; }
        public string RemoteAddress { get; }

        public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
    }

    /// <summary>What to send back: a status, a short plain-text body, and any extra headers.</summary>
    internal sealed class ReceiverResponse
    {
        public ReceiverResponse(int status, string reason, string body, params KeyValuePair<string, string>[] headers)
        {
            Status = status;
            Reason = reason;
            Body = body;
            Headers = headers;
        }

        public int Status { get; }
        public string Reason { get; }
        public string Body { get; }
        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }

        public static ReceiverResponse Ok() => new ReceiverResponse(200, "OK", "ok");
        public static ReceiverResponse Error(int status, string reason, params KeyValuePair<string, string>[] headers) => new ReceiverResponse(status, reason, reason, headers);
    }

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
