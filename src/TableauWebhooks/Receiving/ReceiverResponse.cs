using System.Collections.Generic;

namespace TableauWebhooks.Receiving
{
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
}
