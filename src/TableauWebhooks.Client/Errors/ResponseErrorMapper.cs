using System;
using System.Text;

namespace TableauWebhooks.Client.Errors
{
    /// <summary>
    /// Turns a non-success answer from Tableau into a TableauException with a stable ErrorId, so scripts can branch on
    /// ErrorId rather than on message text. Messages state what happened; what to do about it is the cmdlets' to say.
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
                case "401001": return ErrorIds.SignInFailed;
                case "401000":
                case "401002": return ErrorIds.NotAuthenticated;
                case "404003": return ErrorIds.UnknownResource;
                case "404000": return ErrorIds.SiteNotFound;
                case "400113": return ErrorIds.WebhookTestRejected;
                case "400127": return ErrorIds.StatusChangeReasonNotAllowed;
            }
            if (status == 401) return ErrorIds.NotAuthenticated;
            if (status == 403) return ErrorIds.PermissionDenied;
            if (status == 404 && IsWebhookItemRequest(request)) return ErrorIds.WebhookNotFound;
            if (status == 400) return ErrorIds.BadRequest;
            if (status == 429) return ErrorIds.Throttled;
            if (status >= 500) return ErrorIds.ServerError;
            return ErrorIds.TableauApiError;
        }

        // "GET /api/3.9/sites/<site>/webhooks/<id>[/test]": a 404 there means the webhook is gone.
        private static bool IsWebhookItemRequest(string request)
            => request.IndexOf("/webhooks/", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary>What Tableau's code or status means, where its own summary and detail do not say it plainly.</summary>
        private static string? HintFor(string errorId, string? retryAfter)
        {
            switch (errorId)
            {
                case ErrorIds.NotAuthenticated:
                    return "The session is missing, expired or was signed out";
                case ErrorIds.WebhookNotFound:
                    return "No webhook with that id exists on this site";
                case ErrorIds.SiteNotFound:
                    return "The site no longer exists, or the session belongs to another site";
                case ErrorIds.UnknownResource:
                    return "The server does not know this URI; its REST API version may be too old for this request";
                case ErrorIds.WebhookTestRejected:
                    return "Tableau could not test the webhook: it may not exist or may not work";
                case ErrorIds.StatusChangeReasonNotAllowed:
                    return "A status change reason can only be given when disabling a webhook";
                case ErrorIds.Throttled:
                    return string.IsNullOrEmpty(retryAfter)
                        ? "Tableau is rate limiting requests"
                        : "Tableau is rate limiting requests and asked to wait " + retryAfter + (IsDigits(retryAfter!) ? " seconds" : "");
                case ErrorIds.ServerError:
                    return "The server failed to handle the request";
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
