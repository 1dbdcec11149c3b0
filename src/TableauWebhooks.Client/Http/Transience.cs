namespace TableauWebhooks.Client.Http
{
    /// <summary>Whether a failure is worth another attempt, and whether the server may already have acted on the request.</summary>
    internal enum Transience
    {
        /// <summary>Repeating cannot help (4xx, 500, a rejected certificate, a readable error...).</summary>
        Permanent,
        /// <summary>The server did not act: 429, 503, or the connection was refused. Safe to repeat any request.</summary>
        NotActed,
        /// <summary>The request may have been carried out: dropped or timed out after sending, 502/504, unreadable 2xx.</summary>
        OutcomeUnknown,
    }
}
