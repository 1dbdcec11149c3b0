using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Client.Errors;
using Xunit;
using static TableauWebhooks.Client.Tests.Simulator.SimulatorSession;

namespace TableauWebhooks.Client.Tests.Simulator
{
    /// <summary>
    /// How many times the secret is posted when something other than Tableau answers a sign-in, counted in the
    /// simulator's request log: once for a login page or a redirect to one, 1 + MaxRetries for a 503.
    /// </summary>
    public class SignInInterceptionTests
    {
        private const int Retries = 3;

        private static TableauClientOptions FastRetries(SimulatorHost host)
        {
            var options = Options(host);
            options.MaxRetries = Retries;
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(20);
            return options;
        }

        private static int SignInPosts(SimulatorHost host) => CountRequests(host, "POST", "/auth/signin");

        [Theory]
        [InlineData(SignInMethod.Password, "personal access token")]
        [InlineData(SignInMethod.PersonalAccessToken, "-Server")]
        [InlineData(SignInMethod.Jwt, "-Server")]
        public async Task A_login_page_answering_the_sign_in_gets_the_secret_once(SignInMethod method, string advice)
        {
            await using var host = await StartAsync();
            for (var i = 0; i < 10; i++) host.EnqueueFault(FaultKind.HtmlPage, "POST", "/auth/signin");

            var ex = await Assert.ThrowsAsync<TableauException>(() =>
                TableauRestClient.SignInAsync(FastRetries(host), Credential(host, method), CancellationToken.None));

            Assert.Equal(ErrorIds.SignInIntercepted, ex.ErrorId);
            Assert.Equal(TableauErrorKind.InvalidResponse, ex.Kind);
            Assert.Equal(200, ex.HttpStatus);
            Assert.Contains("HTML page", ex.Message);
            Assert.Contains("single sign-on", ex.Message);
            Assert.Contains(advice, ex.Message);
            Assert.Equal(1, SignInPosts(host));
        }

        [Fact]
        public async Task A_redirect_to_a_login_page_is_not_followed_and_the_password_is_posted_once()
        {
            await using var host = await StartAsync();
            for (var i = 0; i < 10; i++) host.EnqueueFault(FaultKind.RedirectToLogin, "POST", "/auth/signin");

            var ex = await Assert.ThrowsAsync<TableauException>(() =>
                TableauRestClient.SignInAsync(FastRetries(host), Credential(host, SignInMethod.Password), CancellationToken.None));

            Assert.Equal(ErrorIds.SignInIntercepted, ex.ErrorId);
            Assert.Equal(302, ex.HttpStatus);
            Assert.Contains($"redirect (302) to {new Uri(host.BaseUrl, "sso/login")}", ex.Message);
            Assert.DoesNotContain("target=", ex.Message); // a redirect's query can carry an SSO request: not shown
            Assert.Equal(1, SignInPosts(host));
            Assert.DoesNotContain(host.State.RequestLog, e => e.Path.StartsWith("/sso/", StringComparison.Ordinal));
        }

        [Fact]
        public async Task A_503_before_any_answer_is_retried_as_often_as_allowed()
        {
            await using var host = await StartAsync();
            host.SetFaults(new FaultOptions { RetryAfterSeconds = 0 });
            for (var i = 0; i < 10; i++) host.EnqueueFault(FaultKind.ServiceUnavailable, "POST", "/auth/signin");

            var ex = await Assert.ThrowsAsync<TableauException>(() =>
                TableauRestClient.SignInAsync(FastRetries(host), Credential(host, SignInMethod.Password), CancellationToken.None));

            Assert.Equal(ErrorIds.ServerError, ex.ErrorId);
            Assert.Equal(1 + Retries, SignInPosts(host));
        }

        [Fact]
        public async Task A_login_page_met_when_signing_in_again_ends_the_request_without_posting_again()
        {
            await using var host = await StartAsync();
            using var client = await TableauRestClient.SignInAsync(FastRetries(host), Credential(host, SignInMethod.Password), CancellationToken.None);
            host.EnqueueFault(FaultKind.ExpireToken, "GET", "/webhooks");
            for (var i = 0; i < 10; i++) host.EnqueueFault(FaultKind.RedirectToLogin, "POST", "/auth/signin");

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(CancellationToken.None));

            Assert.Equal(ErrorIds.SignInIntercepted, ex.ErrorId);
            Assert.Equal(2, SignInPosts(host));
        }

        [Fact]
        public async Task Random_faults_never_answer_a_sign_in_with_a_login_page()
        {
            await using var host = await StartAsync();
            host.SetFaults(new FaultOptions { FaultRate = 1, Kinds = new() { FaultKind.HtmlPage, FaultKind.RedirectToLogin } });
            using var http = new System.Net.Http.HttpClient(new System.Net.Http.HttpClientHandler { AllowAutoRedirect = false, UseProxy = false });
            for (var i = 0; i < 10; i++)
            {
                using var info = await http.GetAsync(new Uri(host.BaseUrl, "api/3.27/serverinfo"));
                using var signIn = await http.PostAsync(new Uri(host.BaseUrl, "api/3.27/auth/signin"),
                    new System.Net.Http.StringContent("{\"credentials\":{\"name\":\"admin\",\"password\":\"wrong\",\"site\":{\"contentUrl\":\"\"}}}",
                        System.Text.Encoding.UTF8, "application/json"));
                Assert.True((int)info.StatusCode == 302 || info.Content.Headers.ContentType?.MediaType == "text/html"); // every other call is faulted
                Assert.Equal(401, (int)signIn.StatusCode); // Tableau's own refusal, never a login page
            }
        }
    }
}
