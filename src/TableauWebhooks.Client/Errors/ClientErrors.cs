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
            => NotSupported("ApiVersionNotSupported",
                $"{what} needs REST API {Format(needed)} (Tableau Server {neededTableau}) or later, but this session uses API {Format(connected)}.");

        public static TableauException NotAuthenticated(string message)
            => new TableauException(TableauErrorKind.Authentication, "NotAuthenticated", message);

        public static TableauException InvalidResponse(string message, int status, string? request, Exception? inner = null)
            => new TableauException(TableauErrorKind.InvalidResponse, "InvalidResponse", message, inner) { HttpStatus = status, Request = request };

        public static string Format(Version v) => v.Major + "." + Math.Max(0, v.Minor);
    }
}
