using System;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Errors;
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

        /// <summary>Runs a client call through a session, with its request traces written as verbose records.</summary>
        internal T Call<T>(TableauSession session, Func<TableauRestClient, CancellationToken, Task<T>> operation, string? interruptedNotice = null)
            => Await(ct => operation(session.Client, ct), interruptedNotice);

        internal void Call(TableauSession session, Func<TableauRestClient, CancellationToken, Task> operation, string? interruptedNotice = null)
            => Await(ct => operation(session.Client, ct), interruptedNotice);

        /// <summary>
        /// The "call and write the error" piece: runs a client call and returns true, or writes its failure for
        /// <paramref name="target"/>, named by <paramref name="item"/> (ErrorRecordFactory.ItemName; null for a call
        /// about no one item), after earlier records' results, and returns false, so the caller goes on to the next record.
        /// </summary>
        internal bool TryCall<T>(TableauSession session, Func<TableauRestClient, CancellationToken, Task<T>> operation, object? target, string? item, out T result)
        {
            try
            {
                result = Call(session, operation);
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
            base.EndProcessing();
        }
    }
}
