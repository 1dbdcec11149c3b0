using System;
using System.Collections.Generic;
using System.Linq;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// The duplicate-name rule of New-TableauWebhook and Set-TableauWebhook -NewName: a name another webhook of the site
    /// already has is refused before anything is sent. Tableau does not document whether it keeps names unique (the
    /// simulator, like Tableau as far as anyone has reported, takes duplicates), yet Sync and Export match webhooks by
    /// name and a person reads them by name, so the module keeps them apart where they are made.
    /// Each site's webhooks are listed once per command, by the first item that needs them, and then kept up to date
    /// with what the command itself creates and renames: a piped run checks every row against the site and against its
    /// own earlier rows, with one list per site however many rows there are.
    /// Names compare ignoring case and surrounding white space (<see cref="Comparer"/>): "Nightly" and "nightly " would
    /// be one name to whoever reads them, and -Name selects both, so they count as the same.
    /// </summary>
    internal sealed class WebhookNameGuard
    {
        /// <summary>How names compare, on names trimmed by <see cref="KeyOf"/>.</summary>
        public static readonly StringComparer Comparer = StringComparer.OrdinalIgnoreCase;

        public static string KeyOf(string name) => name.Trim();

        /// <summary>For a refusal: a sentence saying why a name that is not written the same counts as the same, else "".</summary>
        public static string SameNameNote(string given, string existing)
            => string.Equals(given, existing, StringComparison.Ordinal) ? "" : " Names that differ only in case or in spaces around them count as the same name.";

        private readonly Dictionary<TableauSession, Dictionary<string, SiteHolders>> _sessions = new Dictionary<TableauSession, Dictionary<string, SiteHolders>>();
        private readonly TableauConnectedCmdlet _cmdlet;

        public WebhookNameGuard(TableauConnectedCmdlet cmdlet) => _cmdlet = cmdlet;

        /// <summary>
        /// Who already holds <paramref name="name"/> on <paramref name="site"/> (null: the session's own site), other than
        /// the webhook <paramref name="renaming"/> that would take it, or null when no one does. Renaming a webhook to its
        /// own name (in any case) is no conflict. False, with the error written for <paramref name="target"/>, when the
        /// site's webhooks cannot be listed: the item is then not sent either.
        /// </summary>
        public bool TryFindHolder(TableauSession session, string? site, string name, Guid? renaming, object target, string? item, out NameHolder? holder)
        {
            holder = null;
            if (!TryGetSite(session, site, target, item, out var names)) return false;
            var key = KeyOf(name);
            if (renaming.HasValue && names.NameOf(renaming.Value) is { } own && Comparer.Equals(KeyOf(own), key)) return true;
            holder = names.Holders(key).FirstOrDefault(h => !renaming.HasValue || h.Id != renaming);
            return true;
        }

        /// <summary>
        /// Records that this command gives <paramref name="name"/> to a webhook (created: no id yet; renamed: its id), so
        /// later items are checked against it; <paramref name="pending"/> says how, until <see cref="Confirm"/>.
        /// </summary>
        public NameHolder Claim(TableauSession session, string? site, string name, Guid? id, string pending)
        {
            var holder = new NameHolder(name, id, pending);
            SiteOf(session, site).Add(holder);
            return holder;
        }

        /// <summary>The create or rename succeeded: the holder is a webhook of the site, and a renamed one no longer holds its old name.</summary>
        public void Confirm(TableauSession session, string? site, NameHolder holder, Guid id)
        {
            SiteOf(session, site).Confirm(holder, id);
        }

        /// <summary>The site's webhooks as the command already listed them (to select them by name): no second list is needed.</summary>
        public void Remember(TableauSession session, string? site, IEnumerable<WebhookInfo> listed)
        {
            var names = SiteOf(session, site);
            if (names.Loaded) return;
            foreach (var webhook in listed)
                names.Add(new NameHolder(webhook.Name, Guid.TryParse(webhook.Id, out var id) ? id : (Guid?)null, null));
            names.Loaded = true;
        }

        /// <summary>
        /// The create or rename failed. When Tableau refused it (a 4xx answer: nothing was done) the name is free again;
        /// when the outcome is unknown (no answer, a server error, a create whose answer was lost) the claim stays, since
        /// the webhook may have the name after all.
        /// </summary>
        public void Failed(TableauSession session, string? site, NameHolder holder, Client.Errors.TableauException failure)
        {
            if (failure.HttpStatus >= 400 && failure.HttpStatus < 500) SiteOf(session, site).Remove(holder);
        }

        private bool TryGetSite(TableauSession session, string? site, object target, string? item, out SiteHolders names)
        {
            names = SiteOf(session, site);
            if (names.Loaded) return true;
            if (!_cmdlet.TryCall(session, site, (c, ct) => c.ListWebhooksAsync(ct), target, item, out var listed)) return false;
            Remember(session, site, listed);
            return true;
        }

        private SiteHolders SiteOf(TableauSession session, string? site)
        {
            if (!_sessions.TryGetValue(session, out var sites))
                _sessions[session] = sites = new Dictionary<string, SiteHolders>(SiteNames.Comparer);
            var key = site ?? session.Site;
            if (!sites.TryGetValue(key, out var names)) sites[key] = names = new SiteHolders();
            return names;
        }

        /// <summary>One site's webhook names as this command knows them.</summary>
        private sealed class SiteHolders
        {
            private readonly Dictionary<string, List<NameHolder>> _byName = new Dictionary<string, List<NameHolder>>(Comparer);

            /// <summary>True once the site's webhooks were listed.</summary>
            public bool Loaded { get; set; }

            public IEnumerable<NameHolder> Holders(string key) => _byName.TryGetValue(key, out var holders) ? holders : Enumerable.Empty<NameHolder>();

            /// <summary>The name the webhook has now, as far as this command knows.</summary>
            public string? NameOf(Guid id) => _byName.Values.SelectMany(h => h).FirstOrDefault(h => h.Id == id && h.Pending == null)?.Name;

            public void Add(NameHolder holder)
            {
                var key = KeyOf(holder.Name);
                if (!_byName.TryGetValue(key, out var holders)) _byName[key] = holders = new List<NameHolder>();
                holders.Add(holder);
            }

            public void Remove(NameHolder holder)
            {
                foreach (var holders in _byName.Values) holders.Remove(holder);
            }

            public void Confirm(NameHolder holder, Guid id)
            {
                // A renamed webhook gives up the name it had; until the rename succeeded it held both, to be safe.
                foreach (var holders in _byName.Values)
                    holders.RemoveAll(h => h.Id == id && !ReferenceEquals(h, holder));
                holder.Confirm(id);
            }
        }
    }
}
