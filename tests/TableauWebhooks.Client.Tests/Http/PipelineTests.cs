using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Tests.Support;
using TableauWebhooks.Client.Versions;
using Xunit;

namespace TableauWebhooks.Client.Tests.Http
{
    /// <summary>The request pipeline over real HTTP against a scripted stub: headers, redirects, timeouts, transport errors.</summary>
    public class PipelineTests
    {
        private static TableauClientOptions Options(Uri server, Action<string>? trace = null)
            => new TableauClientOptions
            {
                ServerUrl = server, Timeout = TimeSpan.FromSeconds(10), Trace = trace, NoProxy = true,
                RetryBaseDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(50),
            };

        private static PasswordCredential Admin() => new PasswordCredential("admin", Secure.String("admin-password"));

        [Fact]
        public async Task Sign_in_sends_json_headers_and_the_token_only_where_needed()
        {
            const string media = "application/json";
            using var stub = new StubServer(TableauDocs.Server(rest: "3.10"));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), CancellationToken.None);
            await client.ListWebhooksAsync(CancellationToken.None);

            var requests = stub.Requests.ToArray();
            Assert.Equal(new[] { "GET /api/2.4/serverinfo", "POST /api/3.10/auth/signin", $"GET /api/3.10/sites/{TableauDocs.SiteId}/users/{TableauDocs.UserId}", $"GET /api/3.10/sites/{TableauDocs.SiteId}/webhooks" },
                requests.Select(r => r.Method + " " + r.Path));
            Assert.All(requests, r => Assert.Equal(media, r.Accept));
            Assert.Null(requests[0].AuthToken);
            Assert.Null(requests[1].AuthToken);
            Assert.StartsWith(media, requests[1].ContentType);
            Assert.Contains("admin-password", requests[1].Body);
            Assert.Equal(TableauDocs.Token, requests[2].AuthToken);
            Assert.Equal(TableauDocs.Token, requests[3].AuthToken);

            // The server answered sign-in in JSON and serverinfo in XML whatever we asked for: both were read.
            Assert.Equal(new Version(3, 10), client.ApiVersion);
            Assert.Equal("admin", client.UserName);
            Assert.Equal("Password", client.AuthenticationMethod);
            Assert.Equal(TableauDocs.SiteId, client.SiteId);
            Assert.True(client.IsSignedIn);
            Assert.Equal(new Uri(stub.BaseUrl.ToString().TrimEnd('/')), client.ServerUrl);
        }

        [Fact]
        public async Task Newer_server_is_capped_at_the_client_maximum()
        {
            using var stub = new StubServer(TableauDocs.Server(rest: "3.99"));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), CancellationToken.None);
            Assert.Equal(ApiGates.Newest, client.ApiVersion);
            Assert.Contains(stub.Requests, r => r.Path == "/api/3.28/auth/signin");
        }

        [Fact]
        public async Task Requested_version_above_the_server_fails_before_sign_in()
        {
            using var stub = new StubServer(TableauDocs.Server(rest: "3.10"));
            var options = Options(stub.BaseUrl);
            options.ApiVersion = new Version(3, 12);
            var ex = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.SignInAsync(options, Admin(), CancellationToken.None));
            Assert.Equal(TableauErrorKind.NotSupported, ex.Kind);
            Assert.Equal("ApiVersionNotSupported", ex.ErrorId);
            Assert.Contains("3.12", ex.Message);
            Assert.Contains("3.10", ex.Message);
            Assert.Equal(new Version(3, 10), ex.ServerApiVersion); // what the advice names
            Assert.Single(stub.Requests); // serverinfo only
        }

        [Fact]
        public async Task Requested_lower_version_is_used()
        {
            using var stub = new StubServer(TableauDocs.Server(rest: "3.28"));
            var options = Options(stub.BaseUrl);
            options.ApiVersion = new Version(3, 6);
            using var client = await TableauRestClient.SignInAsync(options, Admin(), CancellationToken.None);
            Assert.Equal(new Version(3, 6), client.ApiVersion);
        }

        [Fact]
        public async Task Jwt_needs_317()
        {
            using var stub = new StubServer(TableauDocs.Server(rest: "3.16"));
            var ex = await Assert.ThrowsAsync<TableauException>(() =>
                TableauRestClient.SignInAsync(Options(stub.BaseUrl), new JwtCredential(Secure.String("a.b.c")), CancellationToken.None));
            Assert.Equal(TableauErrorKind.NotSupported, ex.Kind);
            Assert.Contains("3.17", ex.Message);
            Assert.DoesNotContain(stub.Requests, r => r.Path.EndsWith("/auth/signin"));
        }

        [Fact]
        public async Task Sign_in_redirect_is_re_posted_and_the_new_host_is_kept()
        {
            using var pod = new StubServer(TableauDocs.Server());
            using var front = new StubServer(TableauDocs.Server(r => r.Path.EndsWith("/auth/signin")
                ? new StubResponse { Status = 301, Location = new Uri(pod.BaseUrl, "api/3.28/auth/signin").ToString() }
                : null));
            using var client = await TableauRestClient.SignInAsync(Options(front.BaseUrl), Admin(), CancellationToken.None);
            await client.ListWebhooksAsync(CancellationToken.None);

            var podSignIn = Assert.Single(pod.Requests, r => r.Path == "/api/3.28/auth/signin");
            Assert.Equal("POST", podSignIn.Method);
            Assert.Contains("admin-password", podSignIn.Body);
            Assert.Contains(pod.Requests, r => r.Path.EndsWith("/webhooks"));
            Assert.DoesNotContain(front.Requests, r => r.Path.EndsWith("/webhooks"));
            Assert.Equal(pod.BaseUrl.Port, client.ServerUrl.Port);
        }

        [Fact]
        public async Task User_lookup_failure_does_not_fail_the_connect()
        {
            Func<RecordedRequest, StubResponse?> forbidUsers = r => r.Path.Contains("/users/") ? TableauDocs.Error(403, "403000", "Forbidden", "no") : null;
            using var stub = new StubServer(TableauDocs.Server(forbidUsers));
            using (var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), CancellationToken.None))
                Assert.Equal("admin", client.UserName); // the password credential's user name
            using (var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl),
                       new PersonalAccessTokenCredential("admin-pat", Secure.String("pat-secret")), CancellationToken.None))
                Assert.Null(client.UserName);
        }

        [Fact]
        public async Task Timeout_is_a_TableauException_of_kind_Timeout()
        {
            using var stub = new StubServer(r => new StubResponse { Delay = TimeSpan.FromSeconds(3), Body = "" });
            var options = Options(stub.BaseUrl);
            options.Timeout = TimeSpan.FromMilliseconds(300);
            var ex = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.GetServerInfoAsync(options, CancellationToken.None));
            Assert.Equal(TableauErrorKind.Timeout, ex.Kind);
            Assert.Equal("RequestTimedOut", ex.ErrorId);
            Assert.Equal("GET /api/2.4/serverinfo", ex.Request);
        }

        [Fact]
        public async Task Caller_cancellation_stays_an_OperationCanceledException()
        {
            using var stub = new StubServer(r => new StubResponse { Delay = TimeSpan.FromSeconds(3), Body = "" });
            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => TableauRestClient.GetServerInfoAsync(Options(stub.BaseUrl), cts.Token));
        }

        [Fact]
        public async Task Connection_refused_is_ServerUnreachable_naming_the_server()
        {
            var server = new Uri($"http://127.0.0.1:{StubServer.FreePort()}");
            var ex = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.SignInAsync(Options(server), Admin(), CancellationToken.None));
            Assert.Equal(TableauErrorKind.Connection, ex.Kind);
            Assert.Equal("ServerUnreachable", ex.ErrorId);
            Assert.Contains(server.Authority, ex.Message);
        }

        [Theory]
        [InlineData("tableau.example.com", "https://tableau.example.com")]
        [InlineData("tableau.example.com:8000", "https://tableau.example.com:8000")]
        [InlineData("ftp://tableau.example.com", null)]
        public async Task Server_url_is_validated_before_sending(string url, string? suggestion)
        {
            var options = new TableauClientOptions { ServerUrl = new Uri(url, UriKind.RelativeOrAbsolute) };
            var ex = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.SignInAsync(options, Admin(), CancellationToken.None));
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
            Assert.Equal("InvalidServerUrl", ex.ErrorId);
            if (suggestion != null) Assert.Contains(suggestion, ex.Message);
        }

        [Fact]
        public async Task Trailing_slash_and_path_prefix_are_normalised()
        {
            using var stub = new StubServer(TableauDocs.Server());
            var info = await TableauRestClient.GetServerInfoAsync(Options(new Uri(stub.BaseUrl, "tableau///")), CancellationToken.None);
            Assert.Equal(new Version(3, 28), info.RestApiVersion);
            Assert.Equal("/tableau/api/2.4/serverinfo", Assert.Single(stub.Requests).Path);
        }

        [Fact]
        public async Task Trace_has_method_path_status_duration_and_never_the_token()
        {
            var lines = new ConcurrentQueue<string>();
            Func<RecordedRequest, StubResponse?> missing = r => r.Path.Contains("/webhooks/") ? TableauDocs.Error(404, "404050", "Not Found", "Webhook not found") : null;
            using var stub = new StubServer(TableauDocs.Server(missing));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl, trace: lines.Enqueue), Admin(), CancellationToken.None);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.GetWebhookAsync("9f9bcaf8-8c4c-403c-b7e1-10dd85620f00", CancellationToken.None));

            Assert.Equal("WebhookNotFound", ex.ErrorId);
            Assert.Equal($"GET /api/3.28/sites/{TableauDocs.SiteId}/webhooks/9f9bcaf8-8c4c-403c-b7e1-10dd85620f00", ex.Request);
            Assert.Matches(@"^GET /api/2\.4/serverinfo -> 200 in \d+ ms$", lines.First());
            Assert.Contains(lines, l => l.StartsWith("POST /api/3.28/auth/signin -> 200 in "));
            Assert.Contains(lines, l => l.StartsWith($"GET /api/3.28/sites/{TableauDocs.SiteId}/webhooks/9f9bcaf8-8c4c-403c-b7e1-10dd85620f00 -> 404 in "));
            Assert.DoesNotContain(lines, l => l.Contains(TableauDocs.Token) || l.Contains("admin-password") || l.Contains("127.0.0.1"));
            Assert.DoesNotContain(TableauDocs.Token, ex.ToString());
            Assert.DoesNotContain(TableauDocs.Token, client.ToString());
        }

        [Fact]
        public async Task Html_from_a_proxy_on_a_webhook_call_is_InvalidResponse()
        {
            Func<RecordedRequest, StubResponse?> proxy = r => r.Path.EndsWith("/webhooks")
                ? new StubResponse { Status = 200, ContentType = "text/html", Body = "<html><body><h1>Please log in to the corporate proxy</h1></body></html>" }
                : null;
            using var stub = new StubServer(TableauDocs.Server(proxy));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), CancellationToken.None);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(CancellationToken.None));
            Assert.Equal(TableauErrorKind.InvalidResponse, ex.Kind);
            Assert.Contains("Please log in to the corporate proxy", ex.Message);
            Assert.Contains("text/html", ex.Message);
        }

        [Fact]
        public async Task Unexpected_success_status_is_InvalidResponse()
        {
            Func<RecordedRequest, StubResponse?> wrong = r => r.Path.EndsWith("/auth/signout") ? new StubResponse { Status = 200 } : null;
            using var stub = new StubServer(TableauDocs.Server(wrong));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), CancellationToken.None);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.SignOutAsync(CancellationToken.None));
            Assert.Equal("InvalidResponse", ex.ErrorId);
            Assert.Contains("204", ex.Message);
        }

        [Fact]
        public async Task After_sign_out_nothing_is_sent()
        {
            using var stub = new StubServer(TableauDocs.Server());
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), CancellationToken.None);
            await client.SignOutAsync(CancellationToken.None);
            Assert.False(client.IsSignedIn);
            var count = stub.Requests.Count;

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(CancellationToken.None));
            Assert.Equal(TableauErrorKind.Authentication, ex.Kind);
            Assert.Equal("NotAuthenticated", ex.ErrorId);
            Assert.Contains("Session signed out", ex.Message);
            await client.SignOutAsync(CancellationToken.None); // idempotent
            Assert.Equal(count, stub.Requests.Count);
        }

        [Fact]
        public async Task Dispose_closes_the_session()
        {
            using var stub = new StubServer(TableauDocs.Server());
            var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), CancellationToken.None);
            client.Dispose();
            client.Dispose();
            Assert.False(client.IsSignedIn);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(CancellationToken.None));
            Assert.Equal("NotAuthenticated", ex.ErrorId);
        }
    }
}
