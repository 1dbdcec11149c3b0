using System;
using System.Text;

namespace TableauWebhooks.Client.Errors
{
    /// <summary>
    /// Turns a non-success answer from Tableau into a TableauException with a stable ErrorId, so scripts can branch on
    /// ErrorId rather than on message text, and people get a hint of what to do next.
    /// </summary>
    internal static class ResponseErrorMapper
    {
        public static TableauException FromErrorDocument(int status, TableauErrorDocument error, string request, string? retryAfter = null)
        {
            var kind = KindFromStatus(status);
            var errorId = ErrorIdFor(status, error.Code, request);
            var message = new StringBuilder();
            message.Append(string.IsNullOrEmpty(error.Summary) ? "Tableau returned an error" : error.Summary);
            if (!string.IsNullOrEmpty(error.Detail)) message.Append(": ").Append(error.Detail);
            if (!string.IsNullOrEmpty(error.Code)) message.Append(" (").Append(error.Code).Append(')');
            var hint = HintFor(errorId, retryAfter);
            if (hint != null) message.Append(". ").Append(hint);

            return new TableauException(kind, errorId, message.ToString())
            {
                HttpStatus = status,
                Code = error.Code,
                Summary = error.Summary,
                Detail = error.Detail,
                Request = request,
            };
        }

        public static TableauErrorKind KindFromStatus(int status)
        {
            switch (status)
            {
                case 400: return TableauErrorKind.InvalidArgument;
                case 401: return TableauErrorKind.Authentication;
                case 403: return TableauErrorKind.PermissionDenied;
                case 404: return TableauErrorKind.NotFound;
                case 409: return TableauErrorKind.Conflict;
                case 429: return TableauErrorKind.Throttled;
            }
            if (status >= 500) return TableauErrorKind.ServerError;
            return TableauErrorKind.InvalidArgument;
        }

        internal static string ErrorIdFor(int status, string? code, string request)
        {
            // Specific codes first: Tableau's six-digit code is more precise than the HTTP status.
            switch (code)
            {
                case "401001": return "SignInFailed";
                case "401000":
                case "401002": return "NotAuthenticated";
                case "404003": return "UnknownResource";
                case "404000": return "SiteNotFound";
                case "400113": return "WebhookTestRejected";
                case "400127": return "StatusChangeReasonNotAllowed";
            }
            if (status == 401) return "NotAuthenticated";
            if (status == 403) return "PermissionDenied";
            if (status == 404 && IsWebhookItemRequest(request)) return "WebhookNotFound";
            if (status == 400) return "BadRequest";
            if (status == 429) return "Throttled";
            if (status >= 500) return "ServerError";
            return "TableauApiError";
        }

        // "GET /api/3.9/sites/<site>/webhooks/<id>[/test]": a 404 there means the webhook is gone.
        private static bool IsWebhookItemRequest(string request)
            => request.IndexOf("/webhooks/", StringComparison.OrdinalIgnoreCase) >= 0;

        private static string? HintFor(string errorId, string? retryAfter)
        {
            switch (errorId)
            {
                case "SignInFailed":
                    return "Check the user name and password (or the personal access token name and secret) and the site's contentUrl";
                case "NotAuthenticated":
                    return "The session is missing, expired or was signed out; sign in again";
                case "PermissionDenied":
                    return "Only server and site administrators can manage webhooks";
                case "WebhookNotFound":
                    return "No webhook with that id exists on this site; list the site's webhooks to find the right id";
                case "SiteNotFound":
                    return "The site no longer exists or the session belongs to another site; sign in again";
                case "UnknownResource":
                    return "The server does not know this URI; its REST API version may be too old for this request";
                case "WebhookTestRejected":
                    return "Tableau could not test the webhook: it may not exist or may not work";
                case "StatusChangeReasonNotAllowed":
                    return "A status change reason can only be given when disabling a webhook";
                case "Throttled":
                    return string.IsNullOrEmpty(retryAfter)
                        ? "Tableau is rate limiting requests; wait and try again"
                        : "Tableau is rate limiting requests; retry after " + retryAfter + (IsDigits(retryAfter!) ? " seconds" : "");
                case "ServerError":
                    return "The server failed to handle the request; try again later or ask the server administrator to check its logs";
            }
            return null;
        }

        private static bool IsDigits(string s)
        {
            foreach (var c in s) if (c < '0' || c > '9') return false;
            return s.Length > 0;
        }
    }
}
