using System;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client;

namespace TableauWebhooks.Sessions
{
    /// <summary>
    /// Lets one connection serve several sites in turn, for credentials that hold one session at a time (a personal access
    /// token, a connected-app JWT). Calls for the site the connection is on run side by side; a call for another site
    /// waits until they have finished, switches (POST /auth/switchSite), then runs. The site the connection was on before
    /// the first switch is its home: calls that name no site go there, and <see cref="ReturnHomeAsync"/> goes back.
    /// </summary>
    internal sealed class SiteSwitchGate
    {
        private readonly TableauRestClient _client;
        private readonly object _sync = new object();
        private int _inFlight;
        private bool _switching;
        private string? _home;
        private string? _homeId;
        private TaskCompletionSource<bool> _changed = NewSignal();

        public SiteSwitchGate(TableauRestClient client) => _client = client;

        /// <summary>
        /// While the connection is away from its home (between a switch and the return, or after a command was stopped
        /// before it could return): the home site's contentUrl and id, where calls that name no site go. False when home.
        /// </summary>
        public bool TryGetHome(out string site, out string siteId)
        {
            lock (_sync)
            {
                site = _home ?? "";
                siteId = _homeId ?? "";
                return _home != null;
            }
        }

        public async Task<T> RunAsync<T>(string? site, Func<TableauRestClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
        {
            await EnterAsync(site, cancellationToken).ConfigureAwait(false);
            try
            {
                return await call(_client, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                Leave();
            }
        }

        /// <summary>Puts the connection back on the site it was on before calls moved it; nothing when it never moved.</summary>
        public async Task ReturnHomeAsync(CancellationToken cancellationToken)
        {
            if (Volatile.Read(ref _home) == null) return;
            await EnterAsync(null, cancellationToken).ConfigureAwait(false);
            Leave();
        }

        private async Task EnterAsync(string? site, CancellationToken cancellationToken)
        {
            while (true)
            {
                Task changed;
                string target;
                lock (_sync)
                {
                    var current = _client.SiteContentUrl;
                    target = site ?? _home ?? current;
                    if (!_switching && SiteNames.Same(current, target))
                    {
                        if (_home != null && SiteNames.Same(_home, current)) _home = _homeId = null; // back home: nothing to return to
                        _inFlight++;
                        return;
                    }
                    if (!_switching && _inFlight == 0)
                    {
                        _switching = true;
                        if (_home == null)
                        {
                            _home = current;
                            _homeId = _client.SiteId;
                        }
                        changed = null!;
                    }
                    else changed = _changed.Task;
                }

                if (changed == null)
                {
                    try
                    {
                        await _client.SwitchSiteAsync(target, cancellationToken).ConfigureAwait(false);
                    }
                    finally
                    {
                        lock (_sync)
                        {
                            _switching = false;
                            Signal();
                        }
                    }
                    continue; // enter on the new site, unless another caller switched elsewhere first
                }
                await WaitAsync(changed, cancellationToken).ConfigureAwait(false);
            }
        }

        private void Leave()
        {
            lock (_sync)
            {
                _inFlight--;
                if (_inFlight == 0) Signal();
            }
        }

        // Called under _sync: wakes every waiter to look again.
        private void Signal()
        {
            var woken = _changed;
            _changed = NewSignal();
            woken.TrySetResult(true);
        }

        private static TaskCompletionSource<bool> NewSignal() => new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        private static async Task WaitAsync(Task task, CancellationToken cancellationToken)
        {
            var cancelled = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            using (cancellationToken.Register(() => cancelled.TrySetResult(true)))
            {
                await Task.WhenAny(task, cancelled.Task).ConfigureAwait(false);
            }
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
