using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Http;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A cmdlet that talks to a signed-in server: -Session picks the connection, else the runspace's current one.
    /// Session binds by property name too, so webhooks read through one session go back through it.
    /// </summary>
    public abstract class TableauConnectedCmdlet : TableauCmdlet
    {
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public TableauSession? Session { get; set; }

        /// <summary>
        /// The session for the current input: -Session (given or bound from the piped object), else the fallback,
        /// else the runspace's current session. A terminating error when there is none.
        /// </summary>
        protected TableauSession ResolveSession(TableauSession? fallback = null)
        {
            var registry = SessionRegistry.ForCurrentRunspace();
            var session = Session ?? fallback ?? registry.Current;
            if (session == null)
            {
                var others = registry.All.Count(s => s.IsConnected);
                ThrowTerminatingError(others == 0
                    ? ErrorRecordFactory.Create(
                        ErrorIds.TableauSessionNotConnected, ErrorCategory.ConnectionError, null,
                        "You are not connected to a Tableau server. Run Connect-TableauServer first, or pass -Session.",
                        "Connect-TableauServer -Server https://tableau.example.com -Credential (Get-Credential)")
                    : ErrorRecordFactory.Create(
                        ErrorIds.TableauSessionNotConnected, ErrorCategory.ConnectionError, null,
                        $"There is no default session, but {others} other session{(others == 1 ? " is" : "s are")} connected. Pass one with -Session, or run Connect-TableauServer to make a new default.",
                        "$session = Get-TableauSession | Select-Object -First 1; Get-TableauWebhook -Session $session"));
            }
            if (!session!.IsConnected)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(
                    ErrorIds.TableauSessionDisconnected, ErrorCategory.ConnectionError, session,
                    $"The session {session} has been disconnected. Run Connect-TableauServer to sign in again.",
                    "Connect-TableauServer"));
            }
            return session;
        }

        /// <summary>
        /// The session to act on a piped webhook with: its own, or -Session when that is signed in to the same server (any
        /// of its sites: calls go to the webhook's own site). A webhook id names a webhook on one server only, so -Session
        /// to another server is refused before anything is sent (WebhookFromOtherServer, written after earlier records'
        /// results), and false is returned: sending the id there would act on whatever has it, or on nothing.
        /// </summary>
        internal bool TrySessionFor(TableauWebhook webhook, out TableauSession session)
        {
            session = ResolveSession(webhook.Session);
            if (ReferenceEquals(session, webhook.Session) || ServerAddress.SameServer(session.Server, webhook.Session.Server)) return true;

            var theirs = ServerAddress.Display(webhook.Session.Server);
            var ours = ServerAddress.Display(session.Server);
            FlushEarlierResults();
            WriteError(ErrorRecordFactory.Create(ErrorIds.WebhookFromOtherServer, ErrorCategory.InvalidArgument, webhook,
                $"{ErrorRecordFactory.ItemName(webhook.Name, webhook.Id)}: it is a webhook of {theirs}, but -Session is signed in to {ours}, so nothing was sent. " +
                $"Its id names a webhook of {theirs} only.",
                $"Leave out -Session to act on it on {theirs}, where it lives; to act on the webhook of that name on {ours}, select it there: -Session <session> -LiteralName '{CodeGeneration.EscapeSingleQuotedStringContent(webhook.Name)}'."));
            return false;
        }

        /// <summary>
        /// Runs a client call on <paramref name="site"/> of the session's server (null: the session's own site), with its
        /// request traces written as verbose records.
        /// </summary>
        internal T Call<T>(TableauSession session, string? site, Func<TableauRestClient, CancellationToken, Task<T>> operation)
            => Await(ct => Route(session, site, operation, ct));

        /// <summary>
        /// The call as the session's SiteRouter runs it. Every call goes through here, so a session whose one connection
        /// moved to other sites during this command is put back on its own site when the command ends.
        /// </summary>
        internal Task<T> Route<T>(TableauSession session, string? site, Func<TableauRestClient, CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
        {
            if (site != null && session.Sites.ServesSitesInTurn)
                lock (_movedSessions) _movedSessions.Add(session);
            return session.Sites.RunAsync(site, operation, cancellationToken);
        }

        private readonly HashSet<TableauSession> _movedSessions = new HashSet<TableauSession>();

        private SemaphoreSlim? _requestSlots;

        /// <summary>
        /// Starts a call that first waits for one of the command's <paramref name="throttleLimit"/> request slots, without
        /// the pipeline thread. Every call started this way in one command shares the same slots, so a sync's site reads
        /// and its changes together stay within -ThrottleLimit.
        /// </summary>
        internal Task<T> StartThrottled<T>(int throttleLimit, TableauSession session, string? site, Func<TableauRestClient, CancellationToken, Task<T>> call)
        {
            var slots = _requestSlots ??= new SemaphoreSlim(Math.Max(1, throttleLimit));
            var stop = StopToken;
            return StartOwned(() => Task.Run(async () =>
            {
                await slots.WaitAsync(stop).ConfigureAwait(false);
                try
                {
                    return await Route(session, site, call, stop).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }, stop));
        }

        private List<TableauSession> TakeMovedSessions()
        {
            lock (_movedSessions)
            {
                var moved = _movedSessions.ToList();
                _movedSessions.Clear();
                return moved;
            }
        }

        /// <summary>Wait this long for a stopped command's session to get back to its site; the next command would wait anyway.</summary>
        private static readonly TimeSpan ReturnHomeAfterStopTimeout = TimeSpan.FromSeconds(10);

        // Ctrl+C skips EndProcessing: the requests in flight are cancelled, then the session goes home here.
        private protected override void OnPipelineEnded()
        {
            foreach (var session in TakeMovedSessions())
            {
                try
                {
                    Task.Run(() => session.Sites.ReturnHomeAsync(CancellationToken.None)).Wait(ReturnHomeAfterStopTimeout);
                }
                catch (AggregateException)
                {
                    // Best effort: the session shows the site it is on, and the next call that names a site moves it.
                }
            }
        }

        /// <summary>
        /// The "call and write the error" piece: runs a client call and returns true, or writes its failure for
        /// <paramref name="target"/>, named by <paramref name="item"/> (ErrorRecordFactory.ItemName; null for a call
        /// about no one item), after earlier records' results, and returns false, so the caller goes on to the next record.
        /// </summary>
        internal bool TryCall<T>(TableauSession session, Func<TableauRestClient, CancellationToken, Task<T>> operation, object? target, string? item, out T result)
            => TryCall(session, null, operation, target, item, out result);

        /// <summary>TryCall on <paramref name="site"/> of the session's server (null: the session's own site).</summary>
        internal bool TryCall<T>(TableauSession session, string? site, Func<TableauRestClient, CancellationToken, Task<T>> operation, object? target, string? item, out T result)
        {
            try
            {
                result = Call(session, site, operation);
                return true;
            }
            catch (TableauException ex)
            {
                FlushEarlierResults();
                WriteTableauError(ex, target, item);
                result = default!;
                return false;
            }
        }

        internal bool TryCall(TableauSession session, Func<TableauRestClient, CancellationToken, Task> operation, object? target, string? item)
            => TryCall<bool>(session, async (c, ct) => { await operation(c, ct).ConfigureAwait(false); return true; }, target, item, out _);

        /// <summary>Writes what earlier records produced, before an error about this one; bulk cmdlets have results waiting.</summary>
        protected void FlushEarlierResults() => (this as IBulkCmdlet)?.Bulk.CompleteAll();

        protected override void EndProcessing()
        {
            FlushEarlierResults();
            ReturnMovedSessionsHome();
            base.EndProcessing();
        }

        // A command leaves each session on the site it found it on (see SiteRouter): a later command without a site, or
        // the user's next Get-TableauWebhook, must not land on whichever site the last webhook lived on.
        private void ReturnMovedSessionsHome()
        {
            foreach (var session in TakeMovedSessions())
            {
                try
                {
                    Await(ct => session.Sites.ReturnHomeAsync(ct));
                }
                catch (TableauException ex)
                {
                    WriteWarning($"The session could not go back to the site it started on, and is now on {SiteNames.Describe(session.Client.SiteContentUrl)}: {ex.Message}");
                }
            }
        }
    }
}
