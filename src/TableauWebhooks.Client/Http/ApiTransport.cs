using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Serialization;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// The request pipeline: builds each request (Accept, body, X-Tableau-Auth), enforces the timeout, turns transport
    /// failures and error documents into TableauException, and hands a reader for the body to the caller.
    /// </summary>
    internal sealed class ApiTransport
    {
        internal const string AuthHeader = "X-Tableau-Auth";
        private readonly HttpClient _client;
        private readonly TimeSpan _timeout;
        private readonly Action<string>? _trace;
        // The proxy given explicitly (not the system's), so a failure to reach it is not blamed on Tableau.
        private readonly IWebProxy? _proxy;

        // -AllowUnencryptedAuthentication: secrets may go over plain http to another machine (see CredentialChannel).
        private readonly bool _allowUnencryptedAuthentication;

        public ApiTransport(HttpClient client, TimeSpan timeout, Uri serverRoot, Action<string>? trace = null, IWebProxy? proxy = null,
            bool allowUnencryptedAuthentication = false)
        {
            _client = client;
            _allowUnencryptedAuthentication = allowUnencryptedAuthentication;
            _timeout = timeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : timeout;
            _trace = trace;
            _proxy = proxy;
            ServerRoot = serverRoot;
        }

        /// <summary>Changes only when a sign-in is redirected (Tableau Cloud sends sign-ins to the site's pod).</summary>
        public Uri ServerRoot { get; set; }

        private static readonly byte[] NoBytes = new byte[0];

        private ServerClockReading? _serverClock;

        /// <summary>The last Date header any answer carried (null until one did), to place earlier requests in server time.</summary>
        public ServerClockReading? ServerClock => Volatile.Read(ref _serverClock);

        /// <summary>
        /// Sends a request and returns the answer whatever its status; throws only for transport failures. Nothing is
        /// traced here: the caller traces the attempt once it knows whether it succeeded (see Complete and RetryRunner).
        /// </summary>
        /// <param name="acts">
        /// A GET that makes the server do something (Test Webhook posts to the destination). Every request but a reading
        /// GET carries a body, empty if need be: when a reused keep-alive connection closes before any answer, .NET's
        /// SocketsHttpHandler sends a request without a body again by itself, on a new connection, and the module would
        /// see only that second answer (a lost DELETE's 404). With a body the failure reaches RetryRunner, which decides.
        /// </param>
        /// <param name="bodySecret">What secret the body carries ("password" for a sign-in), null when none.</param>
        public async Task<ApiResponse> SendAsync(HttpMethod method, Uri uri, string? body, string? token, CancellationToken cancellationToken, bool acts = false,
            string? bodySecret = null)
        {
            var label = method.Method + " " + uri.AbsolutePath;
            // Here, where every request passes, so no caller can send a secret in clear text to another machine.
            var secret = bodySecret ?? (token != null ? "session's token (" + AuthHeader + ")" : null);
            if (secret != null && !_allowUnencryptedAuthentication && !CredentialChannel.IsEncryptedOrLocal(uri))
                throw CredentialChannel.Refused(uri, secret, label);
            var started = Stopwatch.GetTimestamp();
            using (var request = new HttpRequestMessage(method, uri))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                // A constant, valid media type: added as is rather than parsed into a header object on every request.
                request.Headers.TryAddWithoutValidation("Accept", JsonRequestWriter.MediaType);
                if (token != null) request.Headers.TryAddWithoutValidation(AuthHeader, token);
                if (body != null) request.Content = new StringContent(body, Encoding.UTF8, JsonRequestWriter.MediaType);
                else if (acts || method != HttpMethod.Get) request.Content = new ByteArrayContent(NoBytes);
                if (_timeout != Timeout.InfiniteTimeSpan) timeout.CancelAfter(_timeout);
                try
                {
                    // ResponseContentRead: the body is read under the same token, so the timeout covers it too.
                    using (var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                    {
                        var bytes = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        var status = (int)response.StatusCode;
                        var serverDate = response.Headers.Date;
                        if (serverDate.HasValue) Volatile.Write(ref _serverClock, new ServerClockReading(serverDate.Value, Stopwatch.GetTimestamp()));
                        var answer = new ApiResponse
                        {
                            Status = status,
                            ReasonPhrase = response.ReasonPhrase,
                            ContentType = response.Content?.Headers.ContentType?.ToString(),
                            Content = bytes,
                            Request = label,
                            Attempt = $"{label} -> {status} in {MillisecondsSince(started)} ms",
                        };
                        // Redirects carry Location, refusals Retry-After; a success needs neither parsed.
                        if (status >= 300)
                        {
                            answer.Location = response.Headers.Location;
                            answer.RetryAfter = RetryAfterText(response.Headers.RetryAfter);
                            answer.RetryAfterDelay = RetryAfterHeader.Delay(response.Headers.RetryAfter, response.Headers.Date, DateTimeOffset.UtcNow);
                        }
                        return answer;
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw; // the caller cancelled: that is not an error to report
                }
                catch (OperationCanceledException ex)
                {
                    throw new TableauException(TableauErrorKind.Timeout, ErrorIds.RequestTimedOut,
                        $"{ServerRoot} did not answer {label} within {_timeout.TotalSeconds:0.#} seconds. Check that the server is up, or allow more time.", ex)
                    { Request = label, Attempt = $"{label} -> timed out after {MillisecondsSince(started)} ms" };
                }
                catch (ObjectDisposedException)
                {
                    // The client was disposed while this request (or its retry) was under way.
                    throw ClientErrors.NotAuthenticated("Session closed: this connection was disposed; sign in again.");
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                {
                    var error = Unreachable(label, ex);
                    error.Attempt = $"{label} -> {DescribeFailure(error)} after {MillisecondsSince(started)} ms";
                    throw error;
                }
            }
        }

        /// <summary>
        /// Sends, checks the status is one of <paramref name="expected"/>, and reads the body with <paramref name="read"/>
        /// (null for bodiless answers such as 204).
        /// </summary>
        public async Task<T> ExchangeAsync<T>(HttpMethod method, string apiPath, string? body, string? token, int[] expected,
            Func<IResponseReader, T>? read, CancellationToken cancellationToken, bool acts = false)
        {
            var response = await SendAsync(method, ServerAddress.Combine(ServerRoot, apiPath), body, token, cancellationToken, acts).ConfigureAwait(false);
            return Complete(response, expected, read);
        }

        /// <summary>Checks and reads an answer. Success is traced here; a failure carries its attempt line for the retry loop to trace.</summary>
        public T Complete<T>(ApiResponse response, int[] expected, Func<IResponseReader, T>? read)
        {
            T result;
            try
            {
                EnsureStatus(response, expected);
                result = read == null ? default! : Read(response, read);
            }
            catch (TableauException ex)
            {
                ex.Attempt = response.Attempt;
                throw;
            }
            Trace(response.Attempt);
            return result;
        }

        /// <summary>One line to options.Trace. A faulty trace sink must not break the request it describes.</summary>
        public void Trace(string? line)
        {
            if (_trace == null || string.IsNullOrEmpty(line)) return;
            try { _trace(line!); } catch { }
        }

        public static void EnsureStatus(ApiResponse response, int[] expected)
        {
            if (Array.IndexOf(expected, response.Status) >= 0) return;
            if (response.Status >= 200 && response.Status < 400)
                throw ClientErrors.InvalidResponse(
                    $"The server answered {response.Request} with {Describe(response)} where Tableau answers {string.Join(" or ", expected)}; it may not be a Tableau server, or a proxy changed the answer.",
                    response.Status, response.Request);
            throw ToError(response);
        }

        /// <summary>An error status turned into a TableauException: from Tableau's error document if there is one.</summary>
        public static TableauException ToError(ApiResponse response)
        {
            // 407 comes from a proxy in between, never from Tableau: say so rather than "not a Tableau answer".
            if (response.Status == 407)
                return new TableauException(TableauErrorKind.Authentication, ErrorIds.ProxyAuthenticationRequired,
                    $"The proxy refused {response.Request} with 407 Proxy Authentication Required: it wants credentials it was not given or did not accept.")
                {
                    HttpStatus = 407,
                    Request = response.Request,
                };
            TableauErrorDocument? error = null;
            string? problem = null;
            try
            {
                using (var reader = ResponseReader.Open(response))
                    error = reader.ReadError();
                if (error == null) problem = "it has no error element";
            }
            catch (UnreadableResponseException ex)
            {
                problem = ex.Message;
            }
            var result = error != null
                ? ResponseErrorMapper.FromErrorDocument(response.Status, error, response.Request, response.RetryAfter)
                : NotTableau(response, problem!, null);
            result.RetryAfter = response.RetryAfterDelay;
            return result;
        }

        public static T Read<T>(ApiResponse response, Func<IResponseReader, T> read)
        {
            try
            {
                using (var reader = ResponseReader.Open(response))
                    return read(reader);
            }
            catch (UnreadableResponseException ex)
            {
                throw NotTableau(response, ex.Message, ex);
            }
        }

        private static TableauException NotTableau(ApiResponse response, string problem, Exception? inner)
        {
            var snippet = ResponseReader.Snippet(response.Body);
            var text = snippet.Length == 0 ? "an empty body" : $"'{snippet}'";
            return ClientErrors.InvalidResponse(
                $"The server answered {response.Request} with {Describe(response)}, which is not a Tableau REST API response ({problem}): {text}. " +
                "Check the server URL and whether a proxy or load balancer answered instead of Tableau.",
                response.Status, response.Request, inner);
        }

        private static string Describe(ApiResponse r)
            => $"{r.Status}{(string.IsNullOrEmpty(r.ReasonPhrase) ? "" : " " + r.ReasonPhrase)} ({(string.IsNullOrEmpty(r.ContentType) ? "no content type" : r.ContentType)})";

        private TableauException Unreachable(string label, Exception ex)
        {
            var cause = Innermost(ex);
            var proxy = ProxyFor(ServerRoot);
            string what, advice;
            if (proxy != null && (TransienceRules.WasRefused(ex) || TransienceRules.IsUnknownHost(ex)))
            {
                // Every connection goes to the proxy: refused or unknown, it is the proxy that could not be reached.
                what = $"Could not reach the proxy {proxy} on the way to the Tableau server at {ServerRoot} ({label})";
                advice = " The proxy's address or port may be wrong, or the proxy is down.";
            }
            else
            {
                what = $"Could not reach the Tableau server at {ServerRoot} ({label})";
                if (TransienceRules.IsUnknownHost(ex))
                    advice = $" The host name '{ServerRoot.Host}' does not resolve: check the server address for a typo.";
                else if (TransienceRules.IsTlsFailure(ex))
                    advice = cause.Message.IndexOf("certificate", StringComparison.OrdinalIgnoreCase) >= 0
                        ? " The server's TLS certificate was not accepted: fix the certificate, or skip the check only for a test server."
                        : $" The TLS handshake failed: port {ServerRoot.Port} may not speak https (a plain http port, or another service); check the address's scheme and port.";
                else
                    advice = "";
            }
            return new TableauException(TableauErrorKind.Connection, ErrorIds.ServerUnreachable,
                $"{what}: {cause.Message.TrimEnd('.')}.{advice}", ex)
            { Request = label };
        }

        private Uri? ProxyFor(Uri destination)
        {
            if (_proxy == null || _proxy.IsBypassed(destination)) return null;
            var proxy = _proxy.GetProxy(destination);
            return proxy == null || proxy == destination ? null : proxy;
        }

        private static string DescribeFailure(Exception error)
            => TransienceRules.WasRefused(error) ? "connection refused"
                : TransienceRules.IsUnknownHost(error) ? "host name not found"
                : TransienceRules.IsTlsFailure(error) ? "TLS handshake failed"
                : "connection dropped";

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        private static long MillisecondsSince(long timestamp) => (Stopwatch.GetTimestamp() - timestamp) * 1000 / Stopwatch.Frequency;

        private static string? RetryAfterText(RetryConditionHeaderValue? value)
        {
            if (value == null) return null;
            if (value.Delta.HasValue) return ((int)value.Delta.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return value.Date?.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
