using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Tests.Support;
using Xunit;
using static TableauWebhooks.Client.Tests.Resilience.StubScripts;

namespace TableauWebhooks.Client.Tests.Resilience
{
    /// <summary>An expired session is renewed with the stored credential and the request replayed, a bounded number of times.</summary>
    public class ReauthenticationTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        /// <summary>Sign-in n hands out token n and makes it the only one accepted; Expire() forgets it.</summary>
        private sealed class SessionServer
        {
            private int _signIns;
            private volatile string? _accepted;
            public int SignIns => Volatile.Read(ref _signIns);
            /// <summary>Replaces the answer to sign-in n (1-based) when it returns non-null.</summary>
            public Func<int, StubResponse?>? SignInOverride { get; set; }
            public TimeSpan SignInDelay { get; set; }
            public void Expire() => _accepted = null;
            public static string TokenOf(int n) => n == 1 ? TableauDocs.Token : "SECRET-TOKEN-RENEWED-" + n;

            public Func<RecordedRequest, StubResponse> Handler(Func<RecordedRequest, StubResponse?>? other = null) => TableauDocs.Server(r =>
            {
                if (IsSignIn(r))
                {
                    var n = Interlocked.Increment(ref _signIns);
                    var answer = SignInOverride?.Invoke(n);
                    if (answer == null)
                    {
                        answer = TableauDocs.SignIn(TokenOf(n));
                        _accepted = TokenOf(n);
                    }
                    answer.Delay = SignInDelay;
                    return answer;
                }
                if (r.AuthToken != null && r.AuthToken != _accepted) return Expired();
                return other?.Invoke(r);
            });
        }

        [Fact]
        public async Task Expired_session_signs_in_again_and_replays()
        {
            var trace = new ConcurrentQueue<string>();
            var server = new SessionServer();
            using var stub = new StubServer(server.Handler());
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl, trace), Admin(), None);
            server.Expire();

            Assert.Empty(await client.ListWebhooksAsync(None));

            Assert.Equal(2, server.SignIns);
            var lists = stub.Requests.Where(IsList).ToArray();
            Assert.Equal(new[] { TableauDocs.Token, SessionServer.TokenOf(2) }, lists.Select(r => r.AuthToken));
            var again = stub.Requests.Where(IsSignIn).Last();
            Assert.Contains("admin-password", again.Body);
            Assert.Equal("/api/3.28/auth/signin", again.Path);
            Assert.Contains(trace, l => l.Contains("/webhooks -> 401 in "));
            Assert.Contains("401 -> signed in again as admin with the stored Password credential (session expired)", trace);
            Assert.DoesNotContain(trace, l => l.Contains("SECRET-TOKEN") || l.Contains("admin-password"));
            Assert.True(client.IsSignedIn);
            Assert.Equal("admin", client.UserName);
        }

        [Fact]
        public async Task Twenty_concurrent_requests_share_one_sign_in()
        {
            var server = new SessionServer { SignInDelay = TimeSpan.FromMilliseconds(100) };
            using var stub = new StubServer(server.Handler());
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), new PersonalAccessTokenCredential("admin-pat", Secure.String("pat-secret")), None);
            server.Expire();

            var all = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => client.ListWebhooksAsync(None))));

            Assert.Equal(20, all.Length);
            Assert.Equal(2, server.SignIns); // the first connect and exactly one re-sign-in
            Assert.Equal(20, stub.Requests.Count(r => IsList(r) && r.AuthToken == SessionServer.TokenOf(2)));
        }

        [Fact]
        public async Task Jwt_session_expiry_is_SessionExpired_without_signing_in_again()
        {
            var server = new SessionServer();
            using var stub = new StubServer(server.Handler());
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), new JwtCredential(Secure.String("a.b.c")), None);
            server.Expire();

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(None));

            Assert.Equal(TableauErrorKind.Authentication, ex.Kind);
            Assert.Equal("SessionExpired", ex.ErrorId);
            Assert.Contains("session expired", ex.Message);
            Assert.Contains("cannot be reused to sign in again", ex.Message);
            Assert.Equal(1, server.SignIns);
            Assert.Single(stub.Requests, IsList);
        }

        [Fact]
        public async Task Refused_re_sign_in_is_ReauthenticationFailed_with_the_code()
        {
            var server = new SessionServer
            {
                SignInOverride = n => n == 1 ? null : TableauDocs.Error(401, "401001", "Signin Error", "Error signing in to Tableau Server"),
            };
            using var stub = new StubServer(server.Handler());
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            server.Expire();

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.GetWebhookAsync(HookId, None));

            Assert.Equal(TableauErrorKind.Authentication, ex.Kind);
            Assert.Equal("ReauthenticationFailed", ex.ErrorId);
            Assert.Equal("401001", ex.Code);
            Assert.Contains("session expired", ex.Message);
            Assert.Contains("was refused (Tableau code 401001)", ex.Message);
            Assert.Equal(2, server.SignIns); // a refused sign-in is not retried
        }

        [Fact]
        public async Task A_replay_refused_again_is_NotAuthenticated()
        {
            var server = new SessionServer();
            // The list is refused whatever the token: signing in again cannot help.
            using var stub = new StubServer(server.Handler(r => IsList(r) ? Expired() : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(None));

            Assert.Equal("NotAuthenticated", ex.ErrorId);
            Assert.Contains("even after signing in again", ex.Message);
            Assert.Equal(4, server.SignIns); // the first connect and three re-sign-ins, each replay refused
            Assert.Equal(4, stub.Requests.Count(IsList));
        }

        [Fact]
        public async Task A_fresh_session_ended_before_its_replay_arrives_is_renewed_again()
        {
            // What parallel requests meet: the session a replay carries was ended by an expiry another request met first.
            var server = new SessionServer();
            var endedOnce = 0;
            using var stub = new StubServer(server.Handler(r =>
            {
                if (IsList(r) && r.AuthToken == SessionServer.TokenOf(2) && Interlocked.Exchange(ref endedOnce, 1) == 0)
                {
                    server.Expire();
                    return Expired();
                }
                return null;
            }));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            server.Expire();

            Assert.Empty(await client.ListWebhooksAsync(None));

            Assert.Equal(3, server.SignIns);
            Assert.Equal(new[] { TableauDocs.Token, SessionServer.TokenOf(2), SessionServer.TokenOf(3) },
                stub.Requests.Where(IsList).Select(r => r.AuthToken));
        }

        [Fact]
        public async Task Sign_out_with_an_expired_session_does_not_sign_in_again()
        {
            var server = new SessionServer();
            using var stub = new StubServer(server.Handler());
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            server.Expire();
            await client.SignOutAsync(None);
            Assert.False(client.IsSignedIn);
            Assert.Equal(1, server.SignIns);
        }

        [Fact]
        public async Task Sign_out_answered_401_with_an_unreadable_body_still_ends_the_session()
        {
            using var stub = new StubServer(TableauDocs.Server(r => r.Path.EndsWith("/auth/signout")
                ? new StubResponse { Status = 401, ContentType = "application/json", Body = "{\"error\":{\"code\":\"4010" }
                : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            await client.SignOutAsync(None);
            Assert.False(client.IsSignedIn);
        }

        [Fact]
        public async Task Create_refused_for_an_expired_session_is_replayed_once()
        {
            var server = new SessionServer();
            using var stub = new StubServer(server.Handler(r => IsCreate(r) ? Webhook() : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            server.Expire();

            var created = await client.CreateWebhookAsync(new TableauWebhooks.Client.Models.WebhookCreateRequest { Name = "hook", Event = "WorkbookCreated", DestinationUrl = Destination }, None);

            Assert.Equal(HookId, created.Id);
            Assert.Equal(2, stub.Requests.Count(IsCreate)); // the 401 one (not acted on) and the replay
            Assert.DoesNotContain(stub.Requests, IsList);
        }
    }
}
