using System;
using System.Collections.Generic;
using System.Linq;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Commands;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Sites
{
    /// <summary>
    /// Reads the webhooks of several sites of one server: up to a throttle limit at once where the credential can hold a
    /// session per site, one site after another where it cannot (SiteRouter). Results come back in the order the sites
    /// were given, each as soon as it and those before it are read, so output streams in a stable order.
    /// </summary>
    internal static class SiteWebhookReader
    {
        /// <summary>
        /// The sites' webhooks, or why a site could not be read, in the order the sites were given. Every read starts at
        /// once (within the command's request slots); each result is awaited on the pipeline thread, with its request traces.
        /// </summary>
        public static IEnumerable<SiteWebhooks> ReadInOrder(TableauConnectedCmdlet cmdlet, TableauSession session, IEnumerable<string> sites, int throttleLimit)
        {
            var reads = sites.Select(site => (Site: site, Read: cmdlet.StartThrottled(throttleLimit, session, site, async (client, ct) =>
                new SiteWebhooks(client.SiteContentUrl, client.SiteId, await client.ListWebhooksAsync(ct).ConfigureAwait(false))))).ToList();
            foreach (var (site, read) in reads)
            {
                SiteWebhooks result;
                try
                {
                    result = cmdlet.Await(_ => read);
                }
                catch (TableauException ex)
                {
                    result = new SiteWebhooks(site, ex);
                }
                yield return result;
            }
        }

        /// <summary>
        /// The webhooks of each site that could be read, as the module's objects on their own site, in the order the sites
        /// were given; a site that could not be read is written as one error and the others still come.
        /// </summary>
        public static IEnumerable<TableauWebhook[]> ReadEachSite(TableauConnectedCmdlet cmdlet, TableauSession session, IEnumerable<string> sites, int throttleLimit)
        {
            foreach (var site in ReadInOrder(cmdlet, session, sites, throttleLimit))
            {
                if (site.Error != null)
                {
                    cmdlet.WriteTableauError(site.Error, site.Site, ErrorRecordFactory.SiteItemName(site.Site));
                    continue;
                }
                yield return site.Webhooks.Select(w => new TableauWebhook(w, session, site.Site, site.SiteId)).ToArray();
            }
        }

        /// <summary>Every site of the session's server, by contentUrl (server administrators only); false after writing the error.</summary>
        public static bool TryListEverySite(TableauConnectedCmdlet cmdlet, TableauSession session, out IReadOnlyList<string> sites)
        {
            var listed = cmdlet.TryCall(session, (c, ct) => c.ListSitesAsync(ct), session, null, out var found);
            sites = listed ? found.Select(s => s.ContentUrl).ToList() : (IReadOnlyList<string>)Array.Empty<string>();
            return listed;
        }
    }
}
