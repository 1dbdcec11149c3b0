using System;
using System.Linq;
using System.Management.Automation;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Connect-TableauServer's secrets on the wire. "Another machine" is a server name under .invalid reached through
    /// TestProxy, which hands its requests to the simulator: the module sees a non-loopback http server, the proxy's
    /// record shows what crossed "the network", and the simulator's log what reached Tableau.
    /// </summary>
    public sealed class SignInSafetyTests : ModuleScope
    {
        private const string Remote = "http://tableau.example.invalid:8000";

        private TestProxy RemoteProxy() => new TestProxy(upstreamFor: target => target.Replace(Remote, ServerUrl));

        [Fact]
        public void Http_to_another_host_is_refused_and_nothing_reaches_the_proxy()
        {
            using var proxy = RemoteProxy();
            var error = Run($"Connect-TableauServer -Server '{Remote}' -Credential (New-TestCredential 'admin' 'admin') -Proxy $args[0]", proxy.Address.ToString())
                .AssertSingleError("UnencryptedAuthentication", ErrorCategory.InvalidArgument, Remote);

            Assert.Contains($"password to {Remote} over plain http", error.Exception.Message);
            Assert.Empty(proxy.Forwarded);
            Assert.Empty(Simulator.State.RequestLog);
        }

        [Fact]
        public void With_AllowUnencryptedAuthentication_the_session_works_through_it_and_warns_once()
        {
            using var proxy = RemoteProxy();
            var result = Run($@"
$global:remote = Connect-TableauServer -Server '{Remote}' -Credential (New-TestCredential 'admin' 'admin') -Proxy $args[0] -AllowUnencryptedAuthentication -PassThru
Get-TableauWebhook -Session $global:remote | Out-Null
Disconnect-TableauServer -Session $global:remote", proxy.Address.ToString()).AssertSucceeded();

            var warning = Assert.Single(result.Warnings);
            Assert.Contains($"go to {Remote} over plain http", warning);
            var forwarded = proxy.Forwarded.ToList();
            Assert.All(forwarded, target => Assert.StartsWith(Remote + "/", target));
            Assert.Contains(forwarded, target => target.EndsWith("/auth/signin", StringComparison.Ordinal));
            Assert.Contains(forwarded, target => target.EndsWith("/webhooks", StringComparison.Ordinal));
            Assert.Contains(forwarded, target => target.EndsWith("/auth/signout", StringComparison.Ordinal));
        }

        [Fact]
        public void A_login_page_answering_the_sign_in_is_one_error_after_one_post()
        {
            for (var i = 0; i < 10; i++) Simulator.EnqueueFault(FaultKind.HtmlPage, "POST", "/auth/signin");
            var error = Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin')")
                .AssertSingleError("SignInIntercepted", ErrorCategory.InvalidResult, ServerUrl);

            Assert.Contains("-PersonalAccessTokenName", error.ErrorDetails?.RecommendedAction);
            Assert.Equal(1, Simulator.State.RequestLog.Count(e => e.Path.EndsWith("/auth/signin", StringComparison.Ordinal)));
        }
    }
}
