using System;
using System.Collections.Generic;
using System.Linq;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Sync
{
    /// <summary>
    /// Compares what the document asks for with what each site has, by site and name, and says what to do about each
    /// webhook. Pure: it reads nothing and sends nothing, so the plan -WhatIf shows is the plan a real run carries out.
    /// Names are compared exactly (Tableau keeps their case); site contentUrls without regard to case.
    /// </summary>
    internal sealed class SyncPlanner
    {
        private readonly bool _prune;
        private readonly bool _canUpdate;
        private readonly bool _recreate;
        private readonly string _apiVersion;

        /// <param name="canUpdate">The server has Update Webhook (REST API 3.8).</param>
        public SyncPlanner(bool prune, bool canUpdate, bool recreate, string apiVersion)
        {
            _prune = prune;
            _canUpdate = canUpdate;
            _recreate = recreate;
            _apiVersion = apiVersion;
        }

        /// <summary>The plan for one site: its entries against its webhooks, in name order, removals among them.</summary>
        public IReadOnlyList<PlannedChange> PlanSite(string site, IEnumerable<SyncEntry> entries, IReadOnlyList<WebhookInfo> existing)
        {
            var wanted = entries.ToList();
            var onServer = existing.GroupBy(w => w.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
            var plan = new List<PlannedChange>();

            // The document's names are unique per site (SyncInput refuses it otherwise), so each entry is one webhook.
            foreach (var entry in wanted)
            {
                onServer.TryGetValue(entry.Name, out var matches);
                plan.Add(PlanEntry(site, entry, matches ?? new List<WebhookInfo>()));
            }

            if (_prune)
            {
                var names = new HashSet<string>(wanted.Select(e => e.Name), StringComparer.Ordinal);
                plan.AddRange(existing.Where(w => !names.Contains(w.Name)).Select(w => new PlannedChange(site, w.Name, SyncAction.Remove, null, w)));
            }

            return plan.OrderBy(p => p.Name, StringComparer.Ordinal).ThenBy(p => p.Action).ToList();
        }

        private PlannedChange PlanEntry(string site, SyncEntry entry, List<WebhookInfo> matches)
        {
            if (matches.Count > 1)
                return new PlannedChange(site, entry.Name, SyncAction.Skipped, entry, matches[0], problem:
                    $"{matches.Count} webhooks are named '{entry.Name}' on {SiteNames.Describe(site)} ({string.Join(", ", matches.Select(m => m.Id))}); " +
                    "a sync cannot tell which one the document means, so it leaves them alone. Keep one: rename the others " +
                    $"(Set-TableauWebhook -Id {matches[1].Id} ...) or remove them (Remove-TableauWebhook -Id {matches[1].Id}), then sync again.",
                    problemId: ErrorIds.AmbiguousWebhookName, problemIsSentence: true);

            var existing = matches.FirstOrDefault();
            if (entry.Problem != null)
                return new PlannedChange(site, entry.Name, existing == null ? SyncAction.Create : SyncAction.Update, entry, existing,
                    problem: entry.Problem, problemId: entry.ProblemId, problemIsSentence: true);
            if (existing == null) return new PlannedChange(site, entry.Name, SyncAction.Create, entry, null);

            var changes = Differences(existing, entry);
            if (changes.Count == 0) return new PlannedChange(site, entry.Name, SyncAction.Unchanged, entry, existing);
            if (_canUpdate) return new PlannedChange(site, entry.Name, SyncAction.Update, entry, existing, changes);
            if (_recreate) return new PlannedChange(site, entry.Name, SyncAction.Recreate, entry, existing, changes);
            return new PlannedChange(site, entry.Name, SyncAction.Skipped, entry, existing, changes,
                $"differs ({string.Join("; ", changes)}), but the server's REST API {_apiVersion} cannot update webhooks (3.8 and later can). " +
                "Add -Recreate to create it anew and remove the old one.", ErrorIds.UpdateNeedsRecreate);
        }

        private static List<TableauWebhookFieldChange> Differences(WebhookInfo existing, SyncEntry entry)
        {
            var changes = new List<TableauWebhookFieldChange>();
            // The readers already name a known event by its catalog name (WebhookEventNaming), as entries are.
            if (!string.Equals(existing.Event, entry.Event, StringComparison.Ordinal))
                changes.Add(new TableauWebhookFieldChange("Event", existing.Event, entry.Event));
            if (!string.Equals(existing.DestinationUrl.Trim(), entry.DestinationUrl, StringComparison.Ordinal))
                changes.Add(new TableauWebhookFieldChange("DestinationUrl", existing.DestinationUrl, entry.DestinationUrl));
            if (existing.Enabled != entry.Enabled)
                changes.Add(new TableauWebhookFieldChange("Enabled", existing.Enabled, entry.Enabled));
            return changes;
        }
    }
}
