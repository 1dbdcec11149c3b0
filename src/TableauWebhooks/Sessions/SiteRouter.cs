using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client;

namespace TableauWebhooks.Sessions
{
    /// <summary>
    /// Runs a session's calls on the site they are about, so webhooks read from every site act on their own site when
    /// piped on. With a password each other site gets its own connection, signed in once and kept for the session's
    /// life, and sites are served side by side. A personal access token or a JWT holds one session at a time, so the
    /// one connection moves between sites in turn (SiteSwitchGate) and goes home at the end of each command.
    /// </summary>
    internal sealed class SiteRouter
    {
        private readonly TableauRestClient _home;
        private readonly SiteSwitchGate? _gate;
        private readonly ConcurrentDictionary<string, Lazy<Task<TableauRestClient>>> _others =
            new ConcurrentDictionary<string, Lazy<Task<TableauRestClient>>>(SiteNames.Comparer);

        public SiteRouter(TableauRestClient home)
        {
            _home = home;
            if (!home.AllowsSeveralSessions) _gate = new SiteSwitchGate(home);
        }

        /// <summary>
        /// The site the session belongs on while its one connection is on another (see SiteSwitchGate.TryGetHome); false
        /// when the connection is where it belongs, which is always so with a password.
        /// </summary>
        public bool TryGetHome(out string site, out string siteId)
        {
            site = siteId = "";
            return _gate != null && _gate.TryGetHome(out site, out siteId);
        }

        /// <summary>True when sites are served one after another (one session at a time), false when side by side.</summary>
        public bool ServesSitesInTurn => _gate != null;

        /// <summary>Runs <paramref name="call"/> with a connection on <paramref name="site"/>; null is the session's own site.</summary>
        public Task<T> RunAsync<T>(string? site, Func<TableauRestClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        {
            if (_gate != null) return _gate.RunAsync(site, call, cancellationToken);
            // Every call of every cmdlet comes through here: the session's own site costs no extra async step.
            if (site == null || SiteNames.Same(site, _home.SiteContentUrl)) return call(_home, cancellationToken);
            return RunOnOtherSiteAsync(site, call, cancellationToken);
        }

        private async Task<T> RunOnOtherSiteAsync<T>(string site, Func<TableauRestClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        {
            var client = await ConnectionToAsync(site, cancellationToken).ConfigureAwait(false);
            return await call(client, cancellationToken).ConfigureAwait(false);
        }

        /// <summary>After a command: a connection that moved to other sites goes back to the one it started on.</summary>
        public Task ReturnHomeAsync(CancellationToken cancellationToken) => _gate?.ReturnHomeAsync(cancellationToken) ?? Task.CompletedTask;

        /// <summary>Signs out and closes the connections to other sites (Disconnect-TableauServer).</summary>
        public async Task CloseAsync(CancellationToken cancellationToken)
        {
            var opened = _others.Values.Where(l => l.IsValueCreated && l.Value.Status == TaskStatus.RanToCompletion).Select(l => l.Value.Result).ToList();
            _others.Clear();
            await Task.WhenAll(opened.Select(async client =>
            {
                try
                {
                    await client.SignOutAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception)
                {
                    // Best effort: the server ends an unused session on its own; the home session's sign-out is what is reported.
                }
                finally
                {
                    client.Dispose();
                }
            })).ConfigureAwait(false);
        }

        // One sign-in per site, shared by every call that needs it; a failed one is forgotten so a later call tries again.
        private async Task<TableauRestClient> ConnectionToAsync(string site, CancellationToken cancellationToken)
        {
            var entry = _others.GetOrAdd(site, s => new Lazy<Task<TableauRestClient>>(() => _home.SignInToSiteAsync(s, cancellationToken)));
            try
            {
                return await entry.Value.ConfigureAwait(false);
            }
            catch
            {
                ((ICollection<KeyValuePair<string, Lazy<Task<TableauRestClient>>>>)_others).Remove(new KeyValuePair<string, Lazy<Task<TableauRestClient>>>(site, entry));
                throw;
            }
        }
    }
}
