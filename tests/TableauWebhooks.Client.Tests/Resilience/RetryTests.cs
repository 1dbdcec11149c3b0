using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Tests.Support;
using Xunit;
using static TableauWebhooks.Client.Tests.Resilience.StubScripts;

namespace TableauWebhooks.Client.Tests.Resilience
{
    /// <summary>Retries of requests that are safe to repeat, against scripted answers over real HTTP.</summary>
    public class RetryTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        [Fact]
        public async Task Service_unavailable_then_ok_is_retried_and_traced()
        {
            var trace = new ConcurrentQueue<string>();
            using var stub = new StubServer(TableauDocs.Server(Sequence(IsList, ServiceUnavailable, () => WebhookList(HookJson()))));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl, trace), Admin(), None);

            var hooks = await client.ListWebhooksAsync(None);

            Assert.Single(hooks);
            Assert.Equal(2, stub.Requests.Count(IsList));
            Assert.Contains(trace, l => l.StartsWith("GET /api/3.28/sites/") && l.Contains("/webhooks -> 503 in ") && l.Contains(" ms; retry 1 of 4 in ") && l.EndsWith(" s (backoff)"));
            Assert.Contains(trace, l => l.Contains("/webhooks -> 200 in "));
            Assert.DoesNotContain(trace, l => l.Contains(TableauDocs.Token) || l.Contains("admin-password"));
        }

        [Fact]
        public async Task Retry_after_in_seconds_is_honoured()
        {
            var trace = new ConcurrentQueue<string>();
            using var stub = new StubServer(TableauDocs.Server(Sequence(IsList, () => Throttled("1"), () => WebhookList())));
            var options = Options(stub.BaseUrl, trace);
            options.MaxRetryDelay = TimeSpan.FromSeconds(10);
            using var client = await TableauRestClient.SignInAsync(options, Admin(), None);

            var watch = Stopwatch.StartNew();
            await client.ListWebhooksAsync(None);

            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(5));
            Assert.Contains(trace, l => l.Contains("/webhooks -> 429 in ") && l.EndsWith("; retry 1 of 4 in 1.0 s (Retry-After)"));
        }

        [Fact]
        public async Task Retry_after_as_an_http_date_is_honoured()
        {
            using var stub = new StubServer(TableauDocs.Server(Sequence(IsList,
                () => Throttled(DateTimeOffset.UtcNow.AddSeconds(2).ToString("r", CultureInfo.InvariantCulture)), () => WebhookList())));
            var options = Options(stub.BaseUrl);
            options.MaxRetryDelay = TimeSpan.FromSeconds(10);
            using var client = await TableauRestClient.SignInAsync(options, Admin(), None);

            var watch = Stopwatch.StartNew();
            await client.ListWebhooksAsync(None);

            // An HTTP-date has whole seconds: "now + 2 s" is at least one second away whenever it is formatted.
            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(5));
            Assert.Equal(2, stub.Requests.Count(IsList));
        }

        [Fact]
        public async Task Retry_after_longer_than_the_cap_waits_the_cap()
        {
            var trace = new ConcurrentQueue<string>();
            using var stub = new StubServer(TableauDocs.Server(Sequence(IsList, () => Throttled("120"), () => WebhookList())));
            var options = Options(stub.BaseUrl, trace);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(300);
            using var client = await TableauRestClient.SignInAsync(options, Admin(), None);

            var watch = Stopwatch.StartNew();
            await client.ListWebhooksAsync(None);

            Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(280), TimeSpan.FromSeconds(3));
            Assert.Contains(trace, l => l.EndsWith("; retry 1 of 4 in 0.3 s (Retry-After 120.0 s, capped at MaxRetryDelay)"));
        }

        [Fact]
        public async Task Exhausted_retries_throw_the_last_failure_saying_how_many_attempts()
        {
            var trace = new ConcurrentQueue<string>();
            using var stub = new StubServer(TableauDocs.Server(r => IsList(r) ? ServiceUnavailable() : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl, trace), Admin(), None);

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(None));

            Assert.Equal(TableauErrorKind.ServerError, ex.Kind);
            Assert.Equal("503000", ex.Code);
            Assert.Contains("Gave up after 5 attempts.", ex.Message);
            Assert.Equal(5, stub.Requests.Count(IsList));
            Assert.Contains(trace, l => l.Contains("-> 503 in ") && l.EndsWith("; giving up after 5 attempts"));
        }

        [Fact]
        public async Task MaxRetries_zero_disables_retries()
        {
            using var stub = new StubServer(TableauDocs.Server(r => IsList(r) ? Throttled("0") : null));
            var options = Options(stub.BaseUrl);
            options.MaxRetries = 0;
            using var client = await TableauRestClient.SignInAsync(options, Admin(), None);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(None));
            Assert.Equal(TableauErrorKind.Throttled, ex.Kind);
            Assert.Equal(TimeSpan.Zero, ex.RetryAfter);
            Assert.Single(stub.Requests, IsList);
        }

        [Fact]
        public async Task Permanent_errors_are_not_retried()
        {
            using var stub = new StubServer(TableauDocs.Server(r => IsList(r) ? TableauDocs.Error(500, "500000", "Internal Server Error", "boom") : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(None));
            Assert.Equal("ServerError", ex.ErrorId);
            Assert.DoesNotContain("attempts", ex.Message);
            Assert.Single(stub.Requests, IsList);
        }

        [Fact]
        public async Task Dropped_connection_timeout_gateway_and_html_are_retried_for_a_get()
        {
            var trace = new ConcurrentQueue<string>();
            using var stub = new StubServer(TableauDocs.Server(Sequence(IsList,
                StubResponse.Dropped,
                () => new StubResponse { Delay = TimeSpan.FromSeconds(2), Body = "" },
                () => new StubResponse { Status = 502, ContentType = "text/html", Body = "<html><body>Bad Gateway</body></html>" },
                () => new StubResponse { Status = 200, ContentType = "text/html", Body = "<html><body>Sign in to the proxy</body></html>" },
                () => WebhookList(HookJson()))));
            var options = Options(stub.BaseUrl, trace);
            options.Timeout = TimeSpan.FromMilliseconds(500);
            using var client = await TableauRestClient.SignInAsync(options, Admin(), None);

            Assert.Single(await client.ListWebhooksAsync(None));
            Assert.Equal(5, stub.Requests.Count(IsList));
            Assert.Contains(trace, l => l.Contains("/webhooks -> connection dropped after ") && l.Contains("; retry 1 of 4"));
            Assert.Contains(trace, l => l.Contains("/webhooks -> timed out after ") && l.Contains("; retry 2 of 4"));
            Assert.Contains(trace, l => l.Contains("/webhooks -> 502 in ") && l.Contains("; retry 3 of 4"));
            Assert.Contains(trace, l => l.Contains("/webhooks -> 200 in ") && l.Contains("; retry 4 of 4"));
        }

        [Fact]
        public async Task Sign_in_and_serverinfo_are_retried()
        {
            var serverInfo = Sequence(r => r.Path.EndsWith("/serverinfo"), ServiceUnavailable, () => TableauDocs.ServerInfo());
            var signIn = Sequence(IsSignIn, StubResponse.Dropped, () => TableauDocs.SignIn());
            Func<RecordedRequest, StubResponse?> flaky = r => serverInfo(r) ?? signIn(r);
            using var stub = new StubServer(TableauDocs.Server(flaky));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            Assert.True(client.IsSignedIn);
            Assert.Equal(2, stub.Requests.Count(r => r.Path.EndsWith("/serverinfo")));
            Assert.Equal(2, stub.Requests.Count(IsSignIn));
        }

        [Fact]
        public async Task Caller_cancellation_ends_a_retry_after_wait_at_once()
        {
            using var stub = new StubServer(TableauDocs.Server(r => IsList(r) ? Throttled("30") : null));
            var options = Options(stub.BaseUrl);
            options.MaxRetryDelay = TimeSpan.FromSeconds(60);
            using var client = await TableauRestClient.SignInAsync(options, Admin(), None);

            using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
            var watch = Stopwatch.StartNew();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.ListWebhooksAsync(cts.Token));
            // Retry-After asked for 30 s: ending well before that proves the wait was cut, whatever the machine's load.
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
            Assert.Single(stub.Requests, IsList);
        }

        [Fact]
        public async Task Refused_connection_is_retried_then_reported_with_the_attempt_count()
        {
            var server = new Uri($"http://127.0.0.1:{StubServer.FreePort()}");
            var trace = new ConcurrentQueue<string>();
            var ex = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.GetServerInfoAsync(Options(server, trace), None));
            Assert.Equal(TableauErrorKind.Connection, ex.Kind);
            Assert.Contains("Gave up after 5 attempts.", ex.Message);
            Assert.Contains(trace, l => l.StartsWith("GET /api/2.4/serverinfo -> connection refused after "));
        }
   
        [Fact]
        public async Task Sign_out_is_tried_twice_at_most_then_reported()
        {
            var trace = new ConcurrentQueue<string>();
            using var stub = new StubServer(TableauDocs.Server(r => r.Path.EndsWith("/auth/signout") ? ServiceUnavailable() : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl, trace), Admin(), None);

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.SignOutAsync(None));

            Assert.Equal(503, ex.HttpStatus);
            Assert.Contains("Gave up after 2 attempts.", ex.Message);
            Assert.Equal(2, stub.Requests.Count(r => r.Path.EndsWith("/auth/signout")));
            Assert.Contains(trace, l => l.Contains("/auth/signout -> 503 in ") && l.Contains("; retry 1 of 1 in "));
        }
    }
}
