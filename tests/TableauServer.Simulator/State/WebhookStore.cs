using System;
using System.Collections.Generic;
using System.Linq;

namespace TableauServer.Simulator.State;

/// <summary>All webhooks of all sites, in creation order. Stores immutable snapshots and swaps them under a lock.</summary>
internal sealed class WebhookStore
{
    private readonly object gate = new();
    private readonly List<WebhookSnapshot> webhooks = new();

    public void Add(WebhookSnapshot webhook)
    {
        lock (gate)
        {
            webhooks.Add(webhook);
        }
    }

    public void AddRange(IEnumerable<WebhookSnapshot> added)
    {
        lock (gate)
        {
            webhooks.AddRange(added);
        }
    }

    public IReadOnlyList<WebhookSnapshot> All()
    {
        lock (gate)
        {
            return webhooks.ToArray();
        }
    }

    public IReadOnlyList<WebhookSnapshot> ForSite(string siteId)
    {
        lock (gate)
        {
            return webhooks.Where(w => SameId(w.SiteId, siteId)).ToArray();
        }
    }

    public WebhookSnapshot? Find(string siteId, string webhookId)
    {
        lock (gate)
        {
            return webhooks.FirstOrDefault(w => SameId(w.SiteId, siteId) && SameId(w.Id, webhookId));
        }
    }

    /// <summary>Applies <paramref name="change"/> atomically; null when the webhook no longer exists.</summary>
    public WebhookSnapshot? Update(string siteId, string webhookId, Func<WebhookSnapshot, WebhookSnapshot> change)
    {
        lock (gate)
        {
            var index = webhooks.FindIndex(w => SameId(w.SiteId, siteId) && SameId(w.Id, webhookId));
            if (index < 0)
            {
                return null;
            }

            webhooks[index] = change(webhooks[index]);
            return webhooks[index];
        }
    }

    public bool Remove(string siteId, string webhookId)
    {
        lock (gate)
        {
            return webhooks.RemoveAll(w => SameId(w.SiteId, siteId) && SameId(w.Id, webhookId)) > 0;
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            webhooks.Clear();
        }
    }

    // LUIDs are GUIDs; Tableau treats them case-insensitively.
    private static bool SameId(string left, string right) => string.Equals(left, right, StringComparison.OrdinalIgnoreCase);
}
