using System;
using System.Net;
using System.Net.Http;
using System.Threading;
using Microsoft.Extensions.DependencyInjection;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// The one HttpClient of a TableauRestClient, built by Microsoft.Extensions.Http from a private ServiceCollection so
    /// nothing is shared with the host process. Disposing it disposes the provider and so the handler chain.
    /// </summary>
    internal sealed class HttpStack : IDisposable
    {
        private const string ClientName = "TableauWebhooks";
        private readonly ServiceProvider _provider;

        private HttpStack(ServiceProvider provider, HttpClient client)
        {
            _provider = provider;
            Client = client;
        }

        public HttpClient Client { get; }

        public static HttpStack Create(TableauClientOptions options)
        {
            TlsDefaults.EnsureTls12OnNetFramework();
            var services = new ServiceCollection();
            services.AddHttpClient(ClientName)
                .ConfigurePrimaryHttpMessageHandler(() => CreatePrimaryHandler(options))
                // The client lives as long as the session; rotating handlers would only add timers.
                .SetHandlerLifetime(Timeout.InfiniteTimeSpan)
                // The factory's logging handlers would log full URIs to whatever logger the host has; we trace ourselves.
                .RemoveAllLoggers();
            var provider = services.BuildServiceProvider();
            var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient(ClientName);
            // Timeouts are enforced per request with a linked token, so they can be told apart from the caller cancelling.
            client.Timeout = Timeout.InfiniteTimeSpan;
            return new HttpStack(provider, client);
        }

        internal const int MaxConnectionsPerServer = 64;

        internal static HttpClientHandler CreatePrimaryHandler(TableauClientOptions options)
        {
            var handler = new HttpClientHandler
            {
                // Sign-in redirects are re-POSTed by hand (a followed 301/302 would turn the POST into a GET);
                // no other Tableau call redirects.
                AllowAutoRedirect = false,
                // -ThrottleLimit sends up to 64 requests at once; .NET Framework would otherwise allow 2 per server.
                MaxConnectionsPerServer = MaxConnectionsPerServer,
            };
            if (options.SkipCertificateCheck)
            {
                // For this handler only: never ServicePointManager, which would affect the whole process.
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
            }
            ApplyProxy(handler, options);
            return handler;
        }

        /// <summary>NoProxy wins over everything; otherwise the given proxy or the system one, with the proxy credentials if any.</summary>
        private static void ApplyProxy(HttpClientHandler handler, TableauClientOptions options)
        {
            if (options.NoProxy)
            {
                handler.UseProxy = false;
                return;
            }
            handler.UseProxy = true;
            var credentials = options.ProxyUseDefaultCredentials ? CredentialCache.DefaultCredentials : options.ProxyCredentials;
            if (options.Proxy != null)
            {
                // Only set what was asked for, so credentials already on the caller's proxy object stay.
                if (options.Proxy is WebProxy web && options.ProxyUseDefaultCredentials) web.UseDefaultCredentials = true;
                else if (credentials != null) options.Proxy.Credentials = credentials;
                handler.Proxy = options.Proxy;
            }
            else if (credentials != null)
            {
                handler.DefaultProxyCredentials = credentials;
            }
        }

        public void Dispose()
        {
            Client.Dispose();
            _provider.Dispose();
        }
    }
}
