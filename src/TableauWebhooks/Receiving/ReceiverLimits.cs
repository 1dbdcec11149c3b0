using System;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// What the listener allows one connection, in one place because the help lists them (next to Kestrel's defaults):
    /// Tableau's request is one short POST (a head under 2 KB, a body of a few hundred bytes), so a sender that needs more
    /// time or room than these is not Tableau, and must not hold what Tableau needs.
    /// </summary>
    internal static class ReceiverLimits
    {
        /// <summary>Open connections at once; at the limit, the oldest that has not sent its whole head is closed for a new one.</summary>
        public const int MaxConnections = 1000;
        /// <summary>From accepting a connection to its whole request head: the TLS handshake and the head together (give or take HeadDeadlineSpread).</summary>
        public static readonly TimeSpan HeadDeadline = TimeSpan.FromSeconds(3);
        /// <summary>
        /// Each connection's head deadline is HeadDeadline plus or minus up to this, at random: connections opened together
        /// (an attack starts them all at once) are then not all closed together, and do not all come back, with a TLS
        /// handshake each, in the same instant as a real delivery, wave after wave.
        /// </summary>
        public static readonly TimeSpan HeadDeadlineSpread = TimeSpan.FromSeconds(1);
        /// <summary>From the end of the head to the end of the body.</summary>
        public static readonly TimeSpan BodyDeadline = TimeSpan.FromSeconds(10);
        /// <summary>For writing the answer.</summary>
        public static readonly TimeSpan AnswerDeadline = TimeSpan.FromSeconds(10);

        /// <summary>The request line (method, target, version); longer is 414 (Kestrel: 8 KB, 414).</summary>
        public const int MaxRequestLineBytes = 8 * 1024;
        /// <summary>The header fields after the request line; more is 431 (Kestrel: 32 KB).</summary>
        public const int MaxHeaderBytes = 32 * 1024;
        /// <summary>Header fields; more is 431 (Kestrel: 100).</summary>
        public const int MaxHeaderCount = 100;
        /// <summary>A method longer than this is refused (400): the longest registered method is 17 characters.</summary>
        public const int MaxMethodLength = 20;
        /// <summary>Trailer fields after a chunked body, in count and bytes; more is 431.</summary>
        public const int MaxTrailerCount = 100;
        public const int MaxTrailerBytes = 32 * 1024;
        /// <summary>A chunk-size line with its extensions; longer is 400.</summary>
        public const int MaxChunkLineBytes = 1024;
    }
}
