using System;
using System.Net;
using TableauWebhooks.Client.Http;
using Xunit;

namespace TableauWebhooks.Client.Tests.Http
{
    /// <summary>How the proxy options land on the primary handler.</summary>
    public class ProxyOptionsTests
    {
        private static readonly Uri Server = new Uri("https://tableau.example.com");

        [Fact]
        public void Given_proxy_gets_the_proxy_credentials()
        {
            var credentials = new NetworkCredential("proxyuser", "proxypass");
            var proxy = new WebProxy("http://proxy.example.com:8080");
            using var handler = HttpStack.CreatePrimaryHandler(new TableauClientOptions { ServerUrl = Server, Proxy = proxy, ProxyCredentials = credentials });
            Assert.True(handler.UseProxy);
            Assert.Same(proxy, handler.Proxy);
            Assert.Same(credentials, proxy.Credentials);
        }

        [Fact]
        public void Given_proxy_can_use_the_current_user()
        {
            var proxy = new WebProxy("http://proxy.example.com:8080");
            using var handler = HttpStack.CreatePrimaryHandler(new TableauClientOptions { ServerUrl = Server, Proxy = proxy, ProxyUseDefaultCredentials = true });
            Assert.True(proxy.UseDefaultCredentials);
            Assert.Same(proxy, handler.Proxy);
        }

        [Fact]
        public void System_proxy_gets_the_proxy_credentials()
        {
            var credentials = new NetworkCredential("proxyuser", "proxypass");
            using var handler = HttpStack.CreatePrimaryHandler(new TableauClientOptions { ServerUrl = Server, ProxyCredentials = credentials });
            Assert.True(handler.UseProxy);
            Assert.Same(credentials, handler.DefaultProxyCredentials);

            using var current = HttpStack.CreatePrimaryHandler(new TableauClientOptions { ServerUrl = Server, ProxyUseDefaultCredentials = true });
            Assert.Same(CredentialCache.DefaultCredentials, current.DefaultProxyCredentials);
        }

        [Fact]
        public void NoProxy_wins_over_everything()
        {
            var proxy = new WebProxy("http://proxy.example.com:8080");
            using var handler = HttpStack.CreatePrimaryHandler(new TableauClientOptions
            {
                ServerUrl = Server, NoProxy = true, Proxy = proxy, ProxyCredentials = new NetworkCredential("u", "p"), ProxyUseDefaultCredentials = true,
            });
            Assert.False(handler.UseProxy);
            Assert.Null(proxy.Credentials);
            Assert.False(proxy.UseDefaultCredentials);
            Assert.Null(handler.DefaultProxyCredentials);
        }
    }
}
