using System;
using System.Collections.Generic;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Http;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Serialization;
using TableauWebhooks.Client.Versions;

namespace TableauWebhooks.Client
{
    /// <summary>
    /// A signed-in connection to one Tableau site. Thread-safe; every method is async, takes a CancellationToken
    /// and throws only TableauException (or OperationCanceledException when cancelled).
    /// </summary>
    public sealed partial class TableauRestClient : IDisposable
    {
        private readonly TableauClientOptions _options;
        private readonly HttpStack _http;
        private readonly ApiTransport _transport;
        private readonly RetryRunner _retry;
        // Kept (as SecureString) to sign in again when the session expires; never written anywhere.
        private readonly TableauSignInCredential _credential;
        // One re-sign-in at a time: a personal access token allows one session, so parallel sign-ins would end each other's.
        private readonly SemaphoreSlim _renewal = new SemaphoreSlim(1, 1);
        private ServerInfo _serverInfo = new ServerInfo();
        private Version _apiVersion = ApiGates.Webhooks.Api;
        private volatile SessionState? _session;
        private volatile bool _signedOut;
        private int _disposed;
        private DateTimeOffset _signedInAt;

        private TableauRestClient(TableauClientOptions options, Uri serverRoot, TableauSignInCredential credential)
        {
            _options = options;
            _credential = credential;
            _http = HttpStack.Create(options);
            _transport = CreateTransport(_http, options, serverRoot);
            _retry = new RetryRunner(options, _transport);
        }

        /// <summary>GET serverinfo (unauthenticated, at ApiGates.ServerInfo): the product version and the highest REST API version.</summary>
        public static async Task<ServerInfo> GetServerInfoAsync(TableauClientOptions options, CancellationToken cancellationToken)
        {
            if (options == null) throw new ArgumentNullException(nameof(options));
            var root = ServerAddress.Normalize(options.ServerUrl);
            using (var http = HttpStack.Create(options))
            {
                var transport = CreateTransport(http, options, root);
                return await ReadServerInfoAsync(transport, new RetryRunner(options, transport), cancellationToken).ConfigureAwait(false);
            }
        }

        // Requests are always JSON; answers are read by their Content-Type, XML included (see ResponseReader).
        private static ApiTransport CreateTransport(HttpStack http, TableauClientOptions options, Uri serverRoot)
            => new ApiTransport(http.Client, options.Timeout, serverRoot, options.Trace, options.NoProxy ? null : options.Proxy,
                options.AllowUnencryptedAuthentication);

        public Uri ServerUrl => _transport.ServerRoot;
        public ServerInfo ServerInfo => _serverInfo;
        /// <summary>The API version used in every request URI.</summary>
        public Version ApiVersion => _apiVersion;
        public string SiteId => _session?.SiteId ?? "";
        public string SiteContentUrl => _session?.SiteContentUrl ?? "";
        public string UserId => _session?.UserId ?? "";
        public string? UserName => _session?.UserName;
        public string AuthenticationMethod => _credential.Method;
        /// <summary>Whether this API version has Update Webhook (3.8, Tableau 2020.2): older servers can only create and delete.</summary>
        public bool CanUpdateWebhooks => ApiGates.UpdateWebhook.IsOpenAt(_apiVersion);
        /// <summary>
        /// Whether the credential can hold sessions on several sites at once. A password can; a personal access token holds
        /// one session at a time (signing in again ends the earlier one) and a connected-app JWT cannot be used again.
        /// </summary>
        public bool AllowsSeveralSessions => _credential is PasswordCredential;
        public DateTimeOffset SignedInAt => _signedInAt;
        /// <summary>
        /// Whether this session sends its secrets unencrypted to another machine (plain http, allowed by
        /// AllowUnencryptedAuthentication), so the caller can warn once.
        /// </summary>
        public bool SendsCredentialsUnencrypted => !CredentialChannel.IsEncryptedOrLocal(_transport.ServerRoot);
        /// <summary>When the server expects the sign-in to lapse, from its estimatedTimeToExpiration; null when it did not say.</summary>
        public DateTimeOffset? EstimatedExpiry => _session?.EstimatedExpiry;
        public bool IsSignedIn => _session != null && !_signedOut && Volatile.Read(ref _disposed) == 0;

        public override string ToString() => $"TableauRestClient({ServerUrl}, site '{SiteContentUrl}', API {ClientErrors.Format(_apiVersion)})";

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0) _http.Dispose();
        }

        // "/api/3.9/" + relative, at the session's version
        private string ApiPath(string relative) => ApiPath(_apiVersion, relative);

        private static string ApiPath(Version api, string relative) => "/api/" + ClientErrors.Format(api) + "/" + relative;

        private SessionState RequireSession()
        {
            if (Volatile.Read(ref _disposed) != 0) throw ClientErrors.NotAuthenticated("Session closed: this connection was disposed; sign in again.");
            var session = _session;
            if (_signedOut || session == null) throw ClientErrors.NotAuthenticated("Session signed out: sign in again to continue.");
            return session;
        }

        /// <summary>
        /// A request with the session's token, retried as RetryRunner decides; GET, PUT and DELETE are safe to repeat,
        /// a POST only when <paramref name="safeToRepeat"/> says so. Nothing is sent when there is no session.
        /// </summary>
        /// <param name="acts">A GET that makes the server do something (see ApiTransport.SendAsync).</param>
        private Task<T> SendAuthenticatedAsync<T>(HttpMethod method, Func<SessionState, string> relativePath, string? body, int[] expected,
            Func<IResponseReader, T>? read, CancellationToken cancellationToken, bool? safeToRepeat = null, bool acts = false)
        {
            RequireSession();
            return _retry.RunAsync(safeToRepeat ?? method != HttpMethod.Post,
                attempt => SendWithSessionAsync(method, relativePath, body, expected, read, attempt, cancellationToken, acts), null, cancellationToken);
        }

        /// <summary>
        /// How often one request signs in again (or takes a session another request just signed in for) and replays before
        /// a 401 is taken as a refusal. More than once because, with requests in parallel, the fresh session a replay carries
        /// can already have been ended by an expiry another request met first; a server that refuses every token still
        /// fails the request after a bounded number of sign-ins, shared by the requests that meet it together.
        /// </summary>
        private const int MaxReplaysAfterSignIn = 3;

        /// <summary>
        /// One attempt with the current session. On an expired session (401) it signs in again and replays; the path is
        /// built from the same session snapshot as the token, so a concurrent site switch cannot pair one site's id with
        /// another's token.
        /// </summary>
        private async Task<T> SendWithSessionAsync<T>(HttpMethod method, Func<SessionState, string> relativePath, string? body, int[] expected,
            Func<IResponseReader, T>? read, RetryAttempt attempt, CancellationToken cancellationToken, bool acts = false)
        {
            while (true)
            {
                var session = RequireSession();
                try
                {
                    return await _transport.ExchangeAsync(method, ApiPath(relativePath(session)), body, session.Token, expected, read, cancellationToken, acts)
                        .ConfigureAwait(false);
                }
                catch (TableauException ex) when (IsExpiredSession(ex))
                {
                    _transport.Trace(ex.Attempt);
                    if (attempt.ReplaysAfterSignIn >= MaxReplaysAfterSignIn) throw SessionErrors.RefusedAfterSignIn(ex);
                    await RenewSessionAsync(session, ex, cancellationToken).ConfigureAwait(false);
                    attempt.ReplaysAfterSignIn++;
                }
                catch (TableauException)
                {
                    // A fault between (503, a drop) ends the replay: a later 401 is a new expiry, not a refusal.
                    attempt.ReplaysAfterSignIn = 0;
                    throw;
                }
            }
        }
    }
}
