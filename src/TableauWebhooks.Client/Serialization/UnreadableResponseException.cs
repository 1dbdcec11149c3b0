using System;

namespace TableauWebhooks.Client.Serialization
{
    /// <summary>
    /// Raised by the readers when a body is not the Tableau document expected. The transport adds status, content type
    /// and a snippet and rethrows it as TableauException(InvalidResponse), so no JsonException/XmlException escapes.
    /// </summary>
    internal sealed class UnreadableResponseException : Exception
    {
        public UnreadableResponseException(string message, Exception? inner = null) : base(message, inner) { }
    }
}
