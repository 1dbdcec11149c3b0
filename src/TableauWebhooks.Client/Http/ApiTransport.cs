using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
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
        private readonly IRequestWriter _writer;
        private readonly TimeSpan _timeout;

        public ApiTransport(HttpClient client, IRequestWriter writer, TimeSpan timeout, Uri serverRoot)
        {
            _client = client;
            _writer = writer;
            _timeout = timeout <= TimeSpan.Zero ? Timeout.InfiniteTimeSpan : timeout;
            ServerRoot = serverRoot;
        }

        /// <summary>Changes only when a sign-in is redirected (Tableau Cloud sends sign-ins to the site's pod).</summary>
        public Uri ServerRoot { get; set; }

        public IRequestWriter Writer => _writer;

        /// <summary>Sends a request and returns the answer whatever its status; throws only for transport failures.</summary>
        public async Task<ApiResponse> SendAsync(HttpMethod method, Uri uri, string? body, string? token, CancellationToken cancellationToken)
        {
            var label = method.Method + " " + uri.AbsolutePath;
            using (var request = new HttpRequestMessage(method, uri))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(_writer.MediaType));
                if (token != null) request.Headers.TryAddWithoutValidation(AuthHeader, token);
                if (body != null) request.Content = new StringContent(body, Encoding.UTF8, _writer.MediaType);
                if (_timeout != Timeout.InfiniteTimeSpan) timeout.CancelAfter(_timeout);
                try
                {
                    // ResponseContentRead: the body is read under the same token, so the timeout covers it too.
                    using (var response = await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false))
                    {
                        var bytes = response.Content == null ? new byte[0] : await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
                        return new ApiResponse
                        {
                            Status = (int)response.StatusCode,
                            ReasonPhrase = response.ReasonPhrase,
                            ContentType = response.Content?.Headers.ContentType?.ToString(),
                            // Tableau always answers UTF-8; decoding by hand also survives a bogus charset from a proxy.
                            Body = Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'),
                            Request = label,
                            Location = response.Headers.Location,
                            RetryAfter = RetryAfterText(response.Headers.RetryAfter),
                        };
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw; // the caller cancelled: that is not an error to report
                }
                catch (OperationCanceledException ex)
                {
                    throw new TableauException(TableauErrorKind.Timeout, "RequestTimedOut",
                        $"{ServerRoot} did not answer {label} within {_timeout.TotalSeconds:0.#} seconds. Check that the server is up, or allow more time.", ex)
                    { Request = label };
                }
                catch (Exception ex) when (ex is HttpRequestException || ex is IOException)
                {
                    throw Unreachable(label, ex);
                }
            }
        }

        /// <summary>
        /// Sends, checks the status is one of <paramref name="expected"/>, and reads the body with <paramref name="read"/>
        /// (null for bodiless answers such as 204).
        /// </summary>
        public async Task<T> ExchangeAsync<T>(HttpMethod method, string apiPath, string? body, string? token, int[] expected,
            Func<IResponseReader, T>? read, CancellationToken cancellationToken)
        {
            var response = await SendAsync(method, ServerAddress.Combine(ServerRoot, apiPath), body, token, cancellationToken).ConfigureAwait(false);
            EnsureStatus(response, expected);
            return read == null ? default! : Read(response, read);
        }

        public static void EnsureStatus(ApiResponse response, int[] expected)
        {
            if (expected.Contains(response.Status)) return;
            if (response.Status >= 200 && response.Status < 400)
                throw ClientErrors.InvalidResponse(
                    $"The server answered {response.Request} with {Describe(response)} where Tableau answers {string.Join(" or ", expected)}; it may not be a Tableau server, or a proxy changed the answer.",
                    response.Status, response.Request);
            throw ToError(response);
        }

        /// <summary>An error status turned into a TableauException: from Tableau's error document if there is one.</summary>
        public static TableauException ToError(ApiResponse response)
        {
            TableauErrorDocument? error = null;
            string? problem = null;
            try
            {
                error = ResponseReader.Open(response.ContentType, response.Body).ReadError();
                if (error == null) problem = "it has no error element";
            }
            catch (UnreadableResponseException ex)
            {
                problem = ex.Message;
            }
            if (error != null) return ResponseErrorMapper.FromErrorDocument(response.Status, error, response.Request, response.RetryAfter);
            return NotTableau(response, problem!, null);
        }

        public static T Read<T>(ApiResponse response, Func<IResponseReader, T> read)
        {
            try
            {
                return read(ResponseReader.Open(response.ContentType, response.Body));
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
            var certificate = ex is HttpRequestException && FindInner<AuthenticationException>(ex) != null
                ? " The server's TLS certificate was not accepted: fix the certificate, or skip the check only for a test server."
                : "";
            return new TableauException(TableauErrorKind.Connection, "ServerUnreachable",
                $"Could not reach the Tableau server at {ServerRoot} ({label}): {cause.Message}.{certificate}", ex)
            { Request = label };
        }

        private static Exception Innermost(Exception ex)
        {
            while (ex.InnerException != null) ex = ex.InnerException;
            return ex;
        }

        private static T? FindInner<T>(Exception? ex) where T : Exception
        {
            for (; ex != null; ex = ex.InnerException) if (ex is T t) return t;
            return null;
        }

        private static string? RetryAfterText(RetryConditionHeaderValue? value)
        {
            if (value == null) return null;
            if (value.Delta.HasValue) return ((int)value.Delta.Value.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return value.Date?.ToString("r", System.Globalization.CultureInfo.InvariantCulture);
        }
    }
}
