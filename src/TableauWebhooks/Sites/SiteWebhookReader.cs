using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Commands;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Sites
{
    /// <summary>One site's webhooks as read, or why they could not be.</summary>
    internal sealed class SiteWebhooks
    {
        public SiteWebhooks(string site, string siteId, IReadOnlyList<WebhookInfo> webhooks)
        {
            Site = site;
            SiteId = siteId;
            Webhooks = webhooks;
        }

        public SiteWebhooks(string site, TableauException error)
        {
            Site = site;
            SiteId = "";
            Webhooks = Array.Empty<WebhookInfo>();
            Error = error;
        }

        /// <summary>The site's contentUrl as the server spells it ("" is the Default site).</summary>
        public string Site { get; }
        public string SiteId { get; }
        public IReadOnlyList<WebhookInfo> Webhooks { get; }
        public TableauException? Error { get; }
    }

    /// <summary>
    /// Reads the webhooks of several sites of one server: up to a throttle limit at once where the credential can hold a
    /// session per site, one site after another where it cannot (SiteRouter). Results come back in the order the sites
    /// were given, each as soon as it and those before it are read, so output streams in a stable order.
    /// </summary>
    internal static class SiteWebhookReader
    {
        /// <summary>
        /// The sites' webhooks, or why a site could not be read, in the order the sites were given. Every read starts at
        /// once (within the throttle); each result is awaited on the pipeline thread, with its request traces.
        /// </summary>
        public static IEnumerable<SiteWebhooks> ReadInOrder(TableauConnectedCmdlet cmdlet, TableauSession session, IEnumerable<string> sites, int throttleLimit)
        {
            foreach (var read in Start(cmdlet, session, sites, throttleLimit))
                yield return cmdlet.Await(_ => read);
        }

        /// <summary>Every site of the session's server, by contentUrl (server administrators only); false after writing the error.</summary>
        public static bool TryListEverySite(TableauConnectedCmdlet cmdlet, TableauSession session, out IReadOnlyList<string> sites)
        {
            var listed = cmdlet.TryCall(session, (c, ct) => c.ListSitesAsync(ct), session, null, out var found);
            sites = listed ? found.Select(s => s.ContentUrl).ToList() : (IReadOnlyList<string>)Array.Empty<string>();
            return listed;
        }

        private static IReadOnlyList<Task<SiteWebhooks>> Start(TableauConnectedCmdlet cmdlet, TableauSession session, IEnumerable<string> sites, int throttleLimit)
        {
            var slots = new SemaphoreSlim(Math.Max(1, throttleLimit));
            var stop = cmdlet.StopToken;
            return sites.Select(site => cmdlet.StartOwned(() => Task.Run(async () =>
            {
                await slots.WaitAsync(stop).ConfigureAwait(false);
                try
                {
                    return await cmdlet.Route(session, site, async (client, ct) =>
                        new SiteWebhooks(client.SiteContentUrl, client.SiteId, await client.ListWebhooksAsync(ct).ConfigureAwait(false)), stop).ConfigureAwait(false);
                }
                catch (TableauException ex)
                {
                    return new SiteWebhooks(site, ex);
                }
                finally
                {
                    slots.Release();
                }
            }, stop))).ToList();
        }
    }
}
