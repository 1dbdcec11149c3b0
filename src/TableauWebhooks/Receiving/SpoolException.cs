using System;

namespace TableauWebhooks.Receiving
{
    /// <summary>-SpoolPath cannot be used (a file, a folder that cannot be written, one in use by another receiver); the message says which.</summary>
    internal sealed class SpoolException : Exception
    {
        public SpoolException(string message) : base(message)
        {
        }
    }
}
