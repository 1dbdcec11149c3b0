using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Auth
{
    /// <summary>How an expired session ends when signing in again cannot save it.</summary>
    internal static class SessionErrors
    {
        /// <summary>A connected-app JWT is single-use and short-lived, so the client cannot sign in with it again.</summary>
        public static TableauException CannotSignInAgain(TableauException expired)
            => new TableauException(TableauErrorKind.Authentication, ErrorIds.SessionExpired,
                "The session expired, and a connected-app JSON Web Token cannot be reused to sign in again.", expired)
            { HttpStatus = expired.HttpStatus, Code = expired.Code, Summary = expired.Summary, Detail = expired.Detail, Request = expired.Request };

        /// <summary>The re-sign-in itself was refused (401001: the password changed, the token was revoked...).</summary>
        public static TableauException ReauthenticationFailed(TableauException refused, string method)
            => new TableauException(TableauErrorKind.Authentication, ErrorIds.ReauthenticationFailed,
                $"The session expired, and signing in again with the stored {Describe(method)} was refused" +
                (string.IsNullOrEmpty(refused.Code) ? "" : $" (Tableau code {refused.Code})") +
                ". The password or token may have changed or been revoked.", refused)
            { HttpStatus = refused.HttpStatus, Code = refused.Code, Summary = refused.Summary, Detail = refused.Detail, Request = refused.Request };

        /// <summary>The request was replayed with a fresh session and the server still answered 401.</summary>
        public static TableauException RefusedAfterSignIn(TableauException again)
            => new TableauException(TableauErrorKind.Authentication, ErrorIds.NotAuthenticated,
                "The server refused the request even after signing in again (" + (again.Code ?? again.HttpStatus.ToString()) + "). " +
                "The user may lack access to this site, or something between is dropping the X-Tableau-Auth header.", again)
            { HttpStatus = again.HttpStatus, Code = again.Code, Summary = again.Summary, Detail = again.Detail, Request = again.Request };

        private static string Describe(string method)
        {
            switch (method)
            {
                case "Password": return "user name and password";
                case "PersonalAccessToken": return "personal access token";
                default: return method + " credential";
            }
        }
    }
}
