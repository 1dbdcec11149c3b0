using System;
using System.Text;
using System.Text.RegularExpressions;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Http;

namespace TableauWebhooks.Client.Auth
{
    /// <summary>
    /// A sign-in answered by something that stands in front of Tableau (a single sign-on page, a proxy's or captive
    /// portal's login page): an HTML page, or a redirect anywhere but to another Tableau sign-in (Tableau Cloud sends
    /// sign-ins to the site's pod). Such a sign-in is neither repeated nor followed, so the secret is posted once.
    /// </summary>
    internal static class SignInInterception
    {
        // Where Tableau Cloud sends a sign-in made at the wrong pod: the same call on another host.
        private static readonly Regex SignInPath = new Regex(@"/api/\d+(\.\d+)*/auth/signin/?$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        /// <summary>Whether a redirect of a sign-in goes to another Tableau sign-in (followed) rather than to a login page.</summary>
        public static bool IsTableauSignIn(Uri location) => SignInPath.IsMatch(location.AbsolutePath);

        /// <summary>An HTML page: by its media type, or by its first bytes when the type says nothing useful.</summary>
        public static bool IsHtmlPage(ApiResponse response)
        {
            var type = response.ContentType ?? "";
            if (type.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) || type.StartsWith("application/xhtml", StringComparison.OrdinalIgnoreCase))
                return true;
            var bytes = response.Content ?? new byte[0];
            var head = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, 256)).TrimStart('\uFEFF', ' ', '\t', '\r', '\n');
            return head.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.StartsWith("<html", StringComparison.OrdinalIgnoreCase);
        }

        /// <summary>The error: what answered, that nothing was sent again, and how to sign in there.</summary>
        /// <param name="answer">"an HTML page (200 text/html)", "a redirect (302) to https://idp.example.com/login".</param>
        public static TableauException Error(ApiResponse response, Uri signIn, string answer, TableauSignInCredential credential)
        {
            var advice = credential is PasswordCredential
                ? "Where single sign-on (SAML, OpenID Connect) or a login proxy stands in front of Tableau, sign in with a personal access token " +
                  "(-PersonalAccessTokenName, -PersonalAccessTokenSecret) or a connected app's JSON Web Token (-Jwt) instead of a password."
                : "Personal access tokens and connected-app JWTs get past single sign-on, so a proxy in front of the server answered this one: " +
                  "give -Server the address Tableau's REST API answers on, and check -Proxy and -NoProxy.";
            return new TableauException(TableauErrorKind.InvalidResponse, ErrorIds.SignInIntercepted,
                $"The sign-in to {signIn.GetLeftPart(UriPartial.Authority)} was answered by {answer} instead of by Tableau: " +
                $"a single sign-on page or a proxy answered. The {credential.SecretName} was sent once and not again. {advice}")
            { HttpStatus = response.Status, Request = response.Request };
        }

        /// <summary>A redirect's target as messages show it: no query or # part, which may carry an SSO request or a token.</summary>
        public static string Display(Uri location) => location.GetLeftPart(UriPartial.Path);
    }
}
