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
}
