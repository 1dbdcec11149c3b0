using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace TableauWebhooks.Benchmarks
{
    /// <summary>
    /// The document the sync row applies: the server's own export (Export-TableauWebhook -AllSites) with one webhook in ten
    /// made to differ, so a sync has exactly one request to send per difference and the benchmark knows how many.
    /// Every tenth webhook of each site differs, in a fixed mix: per ten differences, 3 new destinations and 3 disabled
    /// (updates), 2 only in the document (creates) and 2 only on the server (removals with -Prune). The server and the
    /// document then hold the same number of webhooks.
    /// </summary>
    internal sealed class SyncDrift
    {
        private enum Difference { NewDestination, Disabled, OnlyInDocument, OnlyOnServer }

        private static readonly Difference[] Mix =
        {
            Difference.NewDestination, Difference.Disabled, Difference.OnlyInDocument, Difference.OnlyOnServer, Difference.NewDestination,
            Difference.Disabled, Difference.NewDestination, Difference.Disabled, Difference.OnlyInDocument, Difference.OnlyOnServer,
        };

        private SyncDrift(string document, int onServer, int updates, int creates, int removals)
        {
            Document = document;
            OnServer = onServer;
            Updates = updates;
            Creates = creates;
            Removals = removals;
        }

        /// <summary>The JSON to write to the file Sync-TableauWebhook -Path reads.</summary>
        public string Document { get; }
        /// <summary>Webhooks on the server before the sync.</summary>
        public int OnServer { get; }
        public int Updates { get; }
        public int Creates { get; }
        public int Removals { get; }
        /// <summary>The requests a sync needs to send: one PUT, POST or DELETE per difference.</summary>
        public int Changes => Updates + Creates + Removals;
        /// <summary>Webhooks the document lists just as the server has them.</summary>
        public int Unchanged => OnServer - Updates - Removals;

        public static SyncDrift FromExport(string exportedJson)
        {
            var root = JsonNode.Parse(exportedJson)!.AsObject();
            var exported = root["webhooks"]!.AsArray().Select(w => w!.AsObject()).ToList();
            var kept = new List<JsonObject>();
            var added = new List<JsonObject>();
            int updates = 0, creates = 0, removals = 0;
            // Sites in the export's order; each one starts two places further along the mix, so a run with only a few
            // differences per site (the quick plan) still has every kind.
            var sites = exported.GroupBy(w => (string?)w["Site"] ?? "", StringComparer.OrdinalIgnoreCase).ToList();
            for (var s = 0; s < sites.Count; s++)
            {
                var webhooks = sites[s].ToList();
                for (var i = 0; i < webhooks.Count; i++)
                {
                    var webhook = (JsonObject)webhooks[i].DeepClone();
                    if (i % 10 != 9)
                    {
                        kept.Add(webhook);
                        continue;
                    }
                    switch (Mix[(2 * s + i / 10) % Mix.Length])
                    {
                        case Difference.NewDestination:
                            webhook["DestinationUrl"] = ((string)webhook["DestinationUrl"]!).TrimEnd('/') + "/moved";
                            kept.Add(webhook);
                            updates++;
                            break;
                        case Difference.Disabled:
                            if (!(bool)webhook["Enabled"]!) throw new InvalidOperationException("The seeded webhooks should all be enabled.");
                            webhook["Enabled"] = false;
                            kept.Add(webhook);
                            updates++;
                            break;
                        case Difference.OnlyInDocument:
                            kept.Add(webhook);
                            var created = (JsonObject)webhook.DeepClone();
                            created["Name"] = (string)webhook["Name"]! + "-new";
                            created["DestinationUrl"] = ((string)webhook["DestinationUrl"]!).TrimEnd('/') + "-new";
                            added.Add(created);
                            creates++;
                            break;
                        case Difference.OnlyOnServer:
                            removals++;
                            break;
                    }
                }
            }
            root["webhooks"] = new JsonArray(kept.Concat(added).Select(w => (JsonNode)w).ToArray());
            return new SyncDrift(root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }), exported.Count, updates, creates, removals);
        }

        /// <summary>Throws unless the sync wrote one result per webhook with the planned action, each done or left alone.</summary>
        public void CheckResults(IReadOnlyList<PSObject> results)
        {
            var actions = results.GroupBy(r => r.Properties["Action"].Value.ToString()!).ToDictionary(g => g.Key, g => g.Count());
            int Count(string action) => actions.TryGetValue(action, out var n) ? n : 0;
            var notDone = results.Count(r => r.Properties["Outcome"].Value.ToString() is not ("Done" or "None"));
            if (Count("Update") != Updates || Count("Create") != Creates || Count("Remove") != Removals || Count("Unchanged") != Unchanged ||
                actions.Count > 4 || notDone > 0)
            {
                throw new InvalidOperationException(
                    $"Sync-TableauWebhook planned {string.Join(", ", actions.Select(a => $"{a.Value} {a.Key}"))} with {notDone} not done; " +
                    $"expected {Updates} Update, {Creates} Create, {Removals} Remove, {Unchanged} Unchanged, all done.");
            }
        }
    }
}
