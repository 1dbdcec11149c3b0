using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Serialization;
using TableauWebhooks.Client.Http;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Versions;

namespace TableauWebhooks.Client
{
    // Discovery, sign-in, site switching and sign-out.
    public sealed partial class TableauRestClient
    {
        private static readonly int[] Ok = { 200 };
        private static readonly int[] NoContent = { 204 };
        private static readonly string ServerInfoPath = ApiPath(ApiGates.ServerInfo.Api, "serverinfo");
        private const int MaxSignInRedirects = 5;
        private const string AlreadyOnSiteCode = "403070";

        /// <summary>Reads serverinfo, settles the API version, signs in, and looks up the signed-in user's name.</summary>
        public static async Task<TableauRestClient> SignInAsync(TableauClientOptions options, TableauSignInCredential credential, CancellationToken cancellationToken)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            if (credential == null) throw new ArgumentNullException(nameof(credential));
            var root = ServerAddress.Normalize(options.ServerUrl);
            // Before serverinfo too: a connect refused for its channel sends nothing at all.
            if (!options.AllowUnencryptedAuthentication && !CredentialChannel.IsEncryptedOrLocal(root))
                throw CredentialChannel.Refused(root, credential.SecretName, null);
            var client = new TableauRestClient(options, root, credential);
            try
            {
                await client.ConnectAsync(options.ApiVersion, options.SiteContentUrl ?? "", cancellationToken).ConfigureAwait(false);
                return client;
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        private static Task<ServerInfo> ReadServerInfoAsync(ApiTransport transport, RetryRunner retry, CancellationToken cancellationToken)
            => retry.RunAsync(true, _ => transport.ExchangeAsync(HttpMethod.Get, ServerInfoPath, null, null, Ok, r => r.ReadServerInfo(), cancellationToken),
                null, cancellationToken);

        private async Task ConnectAsync(Version? requestedVersion, string siteContentUrl, CancellationToken cancellationToken)
        {
            _serverInfo = await ReadServerInfoAsync(_transport, _retry, cancellationToken).ConfigureAwait(false);
            _apiVersion = ApiVersionSelection.Choose(_serverInfo, requestedVersion);
            if (_credential is JwtCredential) ApiGates.JwtSignIn.Require("Signing in with a JSON Web Token (connected app)", _apiVersion);

            var credentials = await SignInWithRetriesAsync(siteContentUrl, cancellationToken).ConfigureAwait(false);
            var userName = await LookUpUserNameAsync(credentials, cancellationToken).ConfigureAwait(false)
                           ?? (_credential as PasswordCredential)?.UserName;
            _signedInAt = DateTimeOffset.UtcNow;
            _session = new SessionState(credentials.Token, credentials.SiteId, credentials.SiteContentUrl, credentials.UserId, userName,
                EstimatedExpiration.From(_signedInAt, credentials.EstimatedTimeToExpiration));
        }

        /// <summary>
        /// POST /auth/signin with the stored credential. Repeating a sign-in is harmless (at worst it replaces a session
        /// we never received), so transient failures are retried; an answer from something other than Tableau (a login
        /// page, a redirect to one) is not: posting the secret again would only hand it over again (SignInIntercepted).
        /// </summary>
        private Task<SignInResult> SignInWithRetriesAsync(string siteContentUrl, CancellationToken cancellationToken)
            => _retry.RunAsync(true, async _ =>
            {
                // Written per attempt so the secret lives in a string only as long as one request.
                var response = await PostSignInFollowingRedirectsAsync(JsonRequestWriter.SignIn(_credential, siteContentUrl), cancellationToken)
                    .ConfigureAwait(false);
                if (response.Status >= 200 && response.Status < 300 && SignInInterception.IsHtmlPage(response))
                    throw Intercepted(response, SignInInterception.Error(response, _transport.ServerRoot,
                        $"an HTML page ({response.Status} {response.ContentType ?? "no content type"})", _credential));
                try
                {
                    return _transport.Complete(response, Ok, r => r.ReadCredentials());
                }
                catch (TableauException ex) when (ex.ErrorId == ErrorIds.SignInFailed)
                {
                    throw NameTheSite(ex, siteContentUrl);
                }
            }, null, cancellationToken);

        /// <summary>
        /// Tableau Cloud answers a sign-in at the wrong pod with a redirect; HttpClient would follow it as a GET, so we
        /// re-POST the same body ourselves and use the new host from then on.
        /// </summary>
        private async Task<ApiResponse> PostSignInFollowingRedirectsAsync(string body, CancellationToken cancellationToken)
        {
            var uri = ServerAddress.Combine(_transport.ServerRoot, ApiPath("auth/signin"));
            for (var hop = 0; ; hop++)
            {
                var response = await _transport.SendAsync(HttpMethod.Post, uri, body, null, cancellationToken, bodySecret: _credential.SecretName).ConfigureAwait(false);
                if (response.Status < 300 || response.Status >= 400 || response.Location == null) return response;
                var next = response.Location.IsAbsoluteUri ? response.Location : new Uri(uri, response.Location);
                // Tableau only redirects a sign-in to another sign-in; anywhere else (303 See Other included) is a login
                // page, not followed.
                if (!SignInInterception.IsTableauSignIn(next))
                    throw Intercepted(response, SignInInterception.Error(response, uri,
                        $"a redirect ({response.Status}) to {SignInInterception.Display(next)}", _credential));
                if (!IsRedirect(response.Status) || hop >= MaxSignInRedirects) return response;
                _transport.Trace(response.Attempt);

                // Never carry the password or secret from https to plain http.
                if (uri.Scheme == Uri.UriSchemeHttps && next.Scheme != Uri.UriSchemeHttps)
                    throw ClientErrors.InvalidResponse(
                        $"The server redirected the sign-in from https to {next.Scheme}://{next.Authority}; the credentials were not sent there.",
                        response.Status, response.Request);
                uri = next;
                _transport.ServerRoot = RootOf(next);
            }
        }

        // The retry loop traces it, as it does every attempt it does not repeat.
        private static TableauException Intercepted(ApiResponse response, TableauException error)
        {
            error.Attempt = response.Attempt + "; a login page answered the sign-in: not repeated";
            return error;
        }

        // "Check ... the site's contentUrl" is only useful when it says which contentUrl was used.
        private static TableauException NameTheSite(TableauException ex, string siteContentUrl)
        {
            var site = siteContentUrl.Length == 0 ? "'' (the Default site)" : "'" + siteContentUrl + "'";
            return ex.WithMessage(ex.Message.TrimEnd('.') + ". The sign-in was to site " + site + ".");
        }

        private static bool IsRedirect(int status) => status == 301 || status == 302 || status == 307 || status == 308;

        // https://10ax.online.tableau.com/api/3.22/auth/signin -> https://10ax.online.tableau.com
        private static Uri RootOf(Uri signInUri)
        {
            var path = signInUri.AbsolutePath;
            var api = path.IndexOf("/api/", StringComparison.OrdinalIgnoreCase);
            var prefix = api >= 0 ? path.Substring(0, api) : "";
            return new Uri(signInUri.GetLeftPart(UriPartial.Authority) + prefix);
        }

        /// <summary>Query User On Site for the display of who is signed in; informational, so it never fails the connect.</summary>
        private async Task<string?> LookUpUserNameAsync(SignInResult credentials, CancellationToken cancellationToken)
        {
            try
            {
                return await _retry.RunAsync(true, _ => _transport.ExchangeAsync(HttpMethod.Get, ApiPath($"sites/{credentials.SiteId}/users/{credentials.UserId}"),
                    null, credentials.Token, Ok, r => r.ReadUserName(), cancellationToken), null, cancellationToken).ConfigureAwait(false);
            }
            catch (TableauException)
            {
                return null;
            }
        }

        /// <summary>
        /// A second connection, signed in to another site of the same server with the stored credential (a password: see
        /// <see cref="AllowsSeveralSessions"/>), at this connection's API version and server address. One request: the
        /// server's facts and the user's name are the same as this connection's. The caller disposes it.
        /// </summary>
        public async Task<TableauRestClient> SignInToSiteAsync(string siteContentUrl, CancellationToken cancellationToken)
        {
            var session = RequireSession();
            if (!AllowsSeveralSessions)
                throw new InvalidOperationException($"A {_credential.Method} credential holds one session at a time; switch sites instead.");
            var contentUrl = siteContentUrl ?? "";
            var sibling = new TableauRestClient(_options, _transport.ServerRoot, _credential) { _serverInfo = _serverInfo, _apiVersion = _apiVersion };
            try
            {
                SignInResult credentials;
                try
                {
                    credentials = await sibling.SignInWithRetriesAsync(contentUrl, cancellationToken).ConfigureAwait(false);
                }
                catch (TableauException ex) when (ex.ErrorId == ErrorIds.SignInFailed)
                {
                    // The same credential just worked on another site, so a refusal here is about this site.
                    throw SiteNotFound(ex, contentUrl, session, "sign in to");
                }
                sibling._signedInAt = DateTimeOffset.UtcNow;
                sibling._session = new SessionState(credentials.Token, credentials.SiteId, credentials.SiteContentUrl, credentials.UserId, session.UserName,
                    EstimatedExpiration.From(sibling._signedInAt, credentials.EstimatedTimeToExpiration));
                return sibling;
            }
            catch
            {
                sibling.Dispose();
                throw;
            }
        }

        /// <summary>POST /auth/switchSite: a new token for another site on the same server (not available on Tableau Cloud).</summary>
        public async Task SwitchSiteAsync(string siteContentUrl, CancellationToken cancellationToken)
        {
            var session = RequireSession();
            var contentUrl = siteContentUrl ?? "";
            var body = JsonRequestWriter.SwitchSite(contentUrl);
            SignInResult credentials;
            try
            {
                // Safe to repeat: a switch that happened leaves the old token dead, the 401 signs in again, and the replay switches.
                credentials = await SendAuthenticatedAsync(HttpMethod.Post, _ => "auth/switchSite", body, Ok, r => r.ReadCredentials(),
                    cancellationToken, safeToRepeat: true).ConfigureAwait(false);
            }
            catch (TableauException ex) when (ex.Code == AlreadyOnSiteCode)
            {
                return; // already signed in to that site: the goal is met (TSC treats it the same way)
            }
            catch (TableauException ex) when (ex.ErrorId == ErrorIds.SignInFailed)
            {
                // Tableau answers an unknown site, or one the user is not a member of, with a sign-in error; the
                // session itself is fine and stays on its site, so this is about the site, not the credentials.
                throw SiteNotFound(ex, contentUrl, session, "switch to");
            }
            // The user has another id on every site; the name is the same, so keep it if the lookup fails.
            var userName = await LookUpUserNameAsync(credentials, cancellationToken).ConfigureAwait(false) ?? session.UserName;
            _session = new SessionState(credentials.Token, credentials.SiteId, credentials.SiteContentUrl, credentials.UserId, userName,
                EstimatedExpiration.From(DateTimeOffset.UtcNow, credentials.EstimatedTimeToExpiration));
        }

        private static TableauException SiteNotFound(TableauException ex, string contentUrl, SessionState session, string verb)
            => new TableauException(TableauErrorKind.NotFound, ErrorIds.SiteNotFound,
                $"There is no site with contentUrl '{contentUrl}' that {session.UserName ?? "this user"} can {verb} ({ex.Code}: {ex.Detail ?? ex.Summary}). " +
                $"The session stays on {ServerAddress.DescribeSite(session.SiteContentUrl)}.", ex)
            { HttpStatus = ex.HttpStatus, Code = ex.Code, Summary = ex.Summary, Detail = ex.Detail, Request = ex.Request };

        private const int SignOutRetryLimit = 1;

        /// <summary>
        /// POST /auth/signout. Afterwards IsSignedIn is false and every call fails without sending anything.
        /// Best effort, with one retry at most: the caller forgets the session whatever happens, and the full retry budget
        /// against a server that is down would hold a script's exit for seconds per session.
        /// </summary>
        public async Task SignOutAsync(CancellationToken cancellationToken)
        {
            if (_signedOut || _session == null) return;
            var session = RequireSession();
            try
            {
                // No re-sign-in here: signing in only to sign out would be pointless.
                await _retry.RunAsync(true, _ => _transport.ExchangeAsync<object?>(HttpMethod.Post, ApiPath("auth/signout"), null, session.Token,
                    NoContent, null, cancellationToken), null, cancellationToken, SignOutRetryLimit).ConfigureAwait(false);
                _signedOut = true;
            }
            catch (TableauException ex) when (ex.Kind == TableauErrorKind.Authentication || ex.HttpStatus == 401)
            {
                _signedOut = true; // the token had already expired: the session is over either way
            }
        }
    }
}
