using System;
using System.Linq;
using System.Management.Automation;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>Proxies: a session's traffic goes where its parameters say, and proxy credentials work and never show.</summary>
    public sealed class TransportTests : ModuleScope
    {
        [Fact]
        public void Proxy_carries_every_request_of_the_session()
        {
            using var proxy = new TestProxy();
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -Proxy $args[0]", proxy.Address.ToString()).AssertSucceeded();
            Run("New-TableauWebhook -Name 'via-proxy' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x') | Out-Null; Get-TableauWebhook | Out-Null").AssertSucceeded();

            var forwarded = proxy.Forwarded.ToList();
            Assert.Contains(forwarded, u => u.EndsWith("/auth/signin"));
            Assert.Contains(forwarded, u => u.Contains("/webhooks"));
            Assert.Equal(Simulator.State.RequestLog.Count, forwarded.Count);
        }

        [Fact]
        public void Proxy_credential_answers_the_proxy_challenge_and_stays_secret()
        {
            using var proxy = new TestProxy("proxy-user", "proxy-pass-7731");
            var result = Run(@"
Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -Proxy $args[0] -ProxyCredential (New-TestCredential 'proxy-user' 'proxy-pass-7731') -PassThru -Verbose
Get-TableauWebhook -Verbose", proxy.Address.ToString()).AssertSucceeded();

            Assert.True(proxy.ChallengesSent >= 1);
            Assert.Contains(proxy.Forwarded, u => u.Contains("/webhooks"));
            var shown = string.Join("\n", result.Verbose.Concat(result.Output.SelectMany(o => o.Properties.Select(p => p.Name + "=" + p.Value))).Append(result.HostText));
            Assert.DoesNotContain("proxy-pass-7731", shown);
        }

        [Fact]
        public void Proxy_that_refuses_the_credentials_is_a_specific_error()
        {
            using var proxy = new TestProxy("proxy-user", "proxy-pass");
            var error = Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -Proxy $args[0] -ProxyCredential (New-TestCredential 'proxy-user' 'wrong')", proxy.Address.ToString())
                .AssertSingleError("ProxyAuthenticationRequired", ErrorCategory.AuthenticationError, ServerUrl);
            Assert.Contains("-ProxyCredential", error.ErrorDetails?.RecommendedAction ?? error.Exception.Message);
            Assert.Empty(Simulator.State.RequestLog);
        }

        [Fact]
        public void NoProxy_goes_direct_even_when_another_session_uses_a_proxy()
        {
            using var proxy = new TestProxy();
            Run("$global:viaProxy = Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -Proxy $args[0] -PassThru", proxy.Address.ToString()).AssertSucceeded();
            var forwardedAfterFirst = proxy.Forwarded.Count;

            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -NoProxy; Get-TableauWebhook | Out-Null").AssertSucceeded();

            Assert.Equal(forwardedAfterFirst, proxy.Forwarded.Count);
        }
    }
}
