using System;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client
{
    // Signing in again when the session expires, as Tableau's Migration SDK does, then replaying the request
    // (a bounded number of times: see MaxReplaysAfterSignIn).
    public sealed partial class TableauRestClient
    {
        // 401001 answers a sign-in; on any other call a 401 (401000, 401002) means the token is expired or unknown.
        private static bool IsExpiredSession(TableauException ex) => ex.HttpStatus == 401 && ex.Code != "401001";

        /// <summary>
        /// Replaces <paramref name="stale"/> with a new session on the same server, site and API version. Concurrent
        /// callers share one sign-in: whoever finds the session already replaced just replays with the new token.
        /// </summary>
        private async Task RenewSessionAsync(SessionState stale, TableauException expired, CancellationToken cancellationToken)
        {
            await _renewal.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (!ReferenceEquals(_session, stale)) return; // another request signed in again meanwhile
                RequireSession();
                if (!_credential.CanSignInAgain) throw SessionErrors.CannotSignInAgain(expired);

                Models.SignInResult credentials;
                try
                {
                    credentials = await SignInWithRetriesAsync(stale.SiteContentUrl, cancellationToken).ConfigureAwait(false);
                }
                catch (TableauException ex) when (ex.Kind == TableauErrorKind.Authentication)
                {
                    throw SessionErrors.ReauthenticationFailed(ex, _credential.Method);
                }
                _signedInAt = DateTimeOffset.UtcNow;
                // Same site, same user: keep the name rather than look it up again.
                _session = new SessionState(credentials.Token, credentials.SiteId, credentials.SiteContentUrl, credentials.UserId, stale.UserName,
                    EstimatedExpiration.From(_signedInAt, credentials.EstimatedTimeToExpiration));
                _transport.Trace($"401 -> signed in again as {stale.UserName ?? "the same user"} with the stored {_credential.Method} credential (session expired)");
            }
            finally
            {
                _renewal.Release();
            }
        }
    }
}
