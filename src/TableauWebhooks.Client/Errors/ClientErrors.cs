using System;

namespace TableauWebhooks.Client.Errors
{
    /// <summary>Failures detected on this side of the wire (nothing was sent, or nothing readable came back).</summary>
    internal static class ClientErrors
    {
        public static TableauException InvalidArgument(string errorId, string message)
            => new TableauException(TableauErrorKind.InvalidArgument, errorId, message);

        public static TableauException NotSupported(string errorId, string message)
            => new TableauException(TableauErrorKind.NotSupported, errorId, message);

        public static TableauException ApiVersionTooLow(string what, Version needed, string neededTableau, Version connected)
            => NotSupported(ErrorIds.ApiVersionNotSupported,
                $"{what} needs REST API {Format(needed)} (Tableau Server {neededTableau}) or later, but this session uses API {Format(connected)}.");

        public static TableauException NotAuthenticated(string message)
            => new TableauException(TableauErrorKind.Authentication, ErrorIds.NotAuthenticated, message);

        public static TableauException InvalidResponse(string message, int status, string? request, Exception? inner = null)
            => new TableauException(TableauErrorKind.InvalidResponse, ErrorIds.InvalidResponse, message, inner) { HttpStatus = status, Request = request };

        /// <summary>A create whose answer was lost, with identical webhooks on the site that cannot be told apart from one it made.</summary>
        public static TableauException CreateOutcomeUnknown(string name, System.Collections.Generic.IEnumerable<string> identicalIds)
            => new TableauException(TableauErrorKind.InvalidResponse, ErrorIds.CreateOutcomeUnknown,
                $"Creating webhook '{name}' may or may not have worked (the answer was lost). The site has an identical webhook ({string.Join(", ", identicalIds)}), " +
                "and the server gave no creation time or clock to tell whether this create made it or it was there before. List the webhooks before creating it again.");

        public static string Format(Version v) => v.Major + "." + Math.Max(0, v.Minor);
    }
}
