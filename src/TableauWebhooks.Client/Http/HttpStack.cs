using System;
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
                .AddHttpMessageHandler(() => new TraceHandler(options.Trace))
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

        internal static HttpClientHandler CreatePrimaryHandler(TableauClientOptions options)
        {
            var handler = new HttpClientHandler
            {
                // Sign-in redirects are re-POSTed by hand (a followed 301/302 would turn the POST into a GET);
                // no other Tableau call redirects.
                AllowAutoRedirect = false,
            };
            if (options.SkipCertificateCheck)
            {
                // For this handler only: never ServicePointManager, which would affect the whole process.
                handler.ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => true;
            }
            if (options.NoProxy)
            {
                handler.UseProxy = false;
            }
            else if (options.Proxy != null)
            {
                handler.UseProxy = true;
                handler.Proxy = options.Proxy;
            }
            return handler;
        }

        public void Dispose()
        {
            Client.Dispose();
            _provider.Dispose();
        }
    }
}
