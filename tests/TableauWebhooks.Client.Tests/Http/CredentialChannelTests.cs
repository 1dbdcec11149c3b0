using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Http;
using TableauWebhooks.Client.Tests.Support;
using Xunit;

namespace TableauWebhooks.Client.Tests.Http
{
    /// <summary>
    /// Secrets go only over https or to this machine. Hosts under .invalid never resolve (RFC 6761): a request that was
    /// attempted fails ServerUnreachable, so UnencryptedAuthentication proves the refusal came before any connection.
    /// </summary>
    public class CredentialChannelTests
    {
        private static TableauClientOptions Options(Uri server, bool allow = false)
            => new TableauClientOptions
            {
                ServerUrl = server, Timeout = TimeSpan.FromSeconds(10), NoProxy = true, MaxRetries = 0,
                AllowUnencryptedAuthentication = allow,
            };

        [Theory]
        [InlineData("https://tableau.example.com", true)]
        [InlineData("HTTPS://192.0.2.2:8443/tableau", true)]
        [InlineData("http://127.0.0.1:8080", true)]
        [InlineData("http://127.255.1.2", true)]
        [InlineData("http://localhost:8000", true)]
        [InlineData("http://LocalHost.", true)]
        [InlineData("http://[::1]:8080", true)]
        [InlineData("http://[::ffff:127.0.0.1]:8080", true)]
        [InlineData("http://192.0.2.2:18084", false)]
        [InlineData("http://tableau.example.com", false)]
        [InlineData("http://loopback", true)]                 // .NET's Uri rewrites this name to localhost and connects there
        [InlineData("http://localhost.example.com", false)]
        [InlineData("http://127.0.0.1.nip.io", false)]
        [InlineData("http://0.0.0.0:8080", false)]
        [InlineData("http://[fd00::2]:8080", false)]
        public void Https_or_a_loopback_host_carries_secrets(string address, bool safe)
            => Assert.Equal(safe, CredentialChannel.IsEncryptedOrLocal(new Uri(address)));

        [Theory]
        [InlineData("Password", "password")]
        [InlineData("PersonalAccessToken", "personal access token's secret")]
        [InlineData("Jwt", "JSON Web Token")]
        public async Task Sign_in_over_http_to_another_host_is_refused_before_anything_is_sent(string method, string secretName)
        {
            TableauSignInCredential credential = method switch
            {
                "Password" => new PasswordCredential("admin", Secure.String("s3cret-value")),
                "PersonalAccessToken" => new PersonalAccessTokenCredential("admin-pat", Secure.String("s3cret-value")),
                _ => new JwtCredential(Secure.String("s3cret-value")),
            };
            var ex = await Assert.ThrowsAsync<TableauException>(() =>
                TableauRestClient.SignInAsync(Options(new Uri("http://tableau.example.invalid:18084")), credential, CancellationToken.None));

            Assert.Equal(ErrorIds.UnencryptedAuthentication, ex.ErrorId);
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("http://tableau.example.invalid:18084", ex.Message);
            Assert.Contains("the " + secretName + " ", ex.Message);
            Assert.Contains("-AllowUnencryptedAuthentication", ex.Message);
            Assert.DoesNotContain("s3cret-value", ex.Message);
        }

        [Fact]
        public async Task With_the_allowance_the_sign_in_is_attempted()
        {
            var ex = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.SignInAsync(
                Options(new Uri("http://tableau.example.invalid:18084"), allow: true),
                new PasswordCredential("admin", Secure.String("admin")), CancellationToken.None));
            Assert.Equal(ErrorIds.ServerUnreachable, ex.ErrorId);
        }

        /// <summary>The rule holds per request, not only for the address given: a sign-in redirected to plain http elsewhere stops there.</summary>
        [Fact]
        public async Task A_sign_in_redirected_from_this_machine_to_plain_http_elsewhere_is_not_followed()
        {
            const string pod = "http://pod.example.invalid:18084/api/3.28/auth/signin";
            using var front = new StubServer(TableauDocs.Server(r => r.Path.EndsWith("/auth/signin")
                ? new StubResponse { Status = 301, Location = pod }
                : null));

            var ex = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.SignInAsync(Options(front.BaseUrl),
                new PasswordCredential("admin", Secure.String("admin")), CancellationToken.None));
            Assert.Equal(ErrorIds.UnencryptedAuthentication, ex.ErrorId);
            Assert.Contains("http://pod.example.invalid:18084", ex.Message);

            // Allowed, the redirect is followed: the pod's name is looked up (and does not resolve).
            var allowed = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.SignInAsync(Options(front.BaseUrl, allow: true),
                new PasswordCredential("admin", Secure.String("admin")), CancellationToken.None));
            Assert.Equal(ErrorIds.ServerUnreachable, allowed.ErrorId);
        }

        [Fact]
        public async Task Over_loopback_http_everything_works_and_nothing_is_said_to_be_unencrypted()
        {
            using var stub = new StubServer(TableauDocs.Server());
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), new PasswordCredential("admin", Secure.String("admin")), CancellationToken.None);
            await client.ListWebhooksAsync(CancellationToken.None);
            await client.SignOutAsync(CancellationToken.None);
            Assert.False(client.SendsCredentialsUnencrypted);
            Assert.Contains(stub.Requests, r => r.Path.EndsWith("/auth/signout") && r.AuthToken == TableauDocs.Token);
        }
    }
}
