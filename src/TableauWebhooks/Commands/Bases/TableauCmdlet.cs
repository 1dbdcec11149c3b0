using System;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Errors;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// What every cmdlet of the module shares: Ctrl+C
    /// (StopProcessing) cancels in-flight HTTP, and client failures become ErrorRecords. Async client calls are awaited on the pipeline thread, so every Write* and
    /// ShouldProcess stays there; the client uses ConfigureAwait(false), so blocking here cannot deadlock.
    /// </summary>
    public abstract class TableauCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        // This command's request traces, and only this command's (see CommandTrace).
        private readonly CommandTrace _trace = new CommandTrace();

        internal CancellationToken StopToken => _stopping.Token;

        protected override void StopProcessing() => _stopping.Cancel();

        /// <summary>
        /// Runs a client call to completion on the pipeline thread, writing its request traces as verbose records
        /// while it runs. A stop request surfaces as PipelineStoppedException.
        /// </summary>
        /// <param name="interruptedNotice">
        /// For a change the server may already have made when Ctrl+C cancels it: what to tell the user. Writes are
        /// refused once the pipeline is stopping, so the notice goes straight to the host as a warning line.
        /// </param>
        internal T Await<T>(Func<CancellationToken, Task<T>> operation, string? interruptedNotice = null)
        {
            try
            {
                var task = StartOwned(() => operation(StopToken));
                while (!Finished(task, TracePollInterval))
                    WriteTraces();
                WriteTraces();
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                if (interruptedNotice != null) Host?.UI?.WriteWarningLine(interruptedNotice);
                throw new PipelineStoppedException();
            }
        }

        internal void Await(Func<CancellationToken, Task> operation, string? interruptedNotice = null)
            => Await<bool>(async ct => { await operation(ct).ConfigureAwait(false); return true; }, interruptedNotice);

        /// <summary>Starts client work whose request traces belong to this command, wherever it then runs.</summary>
        internal T StartOwned<T>(Func<T> start) => _trace.Own(start);

        private static readonly TimeSpan TracePollInterval = TimeSpan.FromMilliseconds(50);

        /// <summary>
        /// Waits at most <paramref name="timeout"/>, returning as soon as the task has finished however it finished (the
        /// caller's GetResult reports a failure): the interval only bounds how long traces wait, it never delays a result.
        /// Task.Wait spins and yields briefly before it blocks, so an answer that comes within microseconds is taken
        /// without a sleep and wake-up, and it needs no kernel event (AsyncWaitHandle created one per call, never disposed).
        /// Measured on 2 cores: an event set by the task's completion without that spin made a loopback call 12-15% slower.
        /// </summary>
        private static bool Finished(Task task, TimeSpan timeout)
        {
            try
            {
                return task.Wait(timeout);
            }
            catch (AggregateException)
            {
                return true; // faulted or cancelled: finished
            }
        }

        private void WriteTraces()
        {
            while (_trace.TryTake(out var line)) WriteVerbose(line);
        }

        /// <summary>
        /// ShouldProcess(target, action) with the same What if and Confirm texts, saying why it declined: a -WhatIf preview
        /// goes on as if the change were made (later items are checked against it), a "no" at -Confirm does not.
        /// </summary>
        internal bool ShouldProcess(string target, string action, out ShouldProcessReason reason)
        {
            var operation = $"Performing the operation \"{action}\" on target \"{target}\".";
            return ShouldProcess(operation, "Are you sure you want to perform this action?\n" + operation, "Confirm", out reason);
        }

        private int _itemsDone;
        private string? _progressActivity;

        /// <summary>
        /// Progress through pipeline input: "n of total" when the total is known (an -Id list), a running count when
        /// items stream in. Completed in EndProcessing.
        /// </summary>
        protected void ReportProgress(string activity, string item, int? total = null)
        {
            _itemsDone++;
            _progressActivity = activity;
            var status = total.HasValue ? $"{item} ({_itemsDone} of {total})" : $"{item} (item {_itemsDone})";
            WriteProgress(new ProgressRecord(ProgressActivityId, activity, status)
            {
                PercentComplete = total.HasValue && total > 0 ? System.Math.Min(100, (_itemsDone - 1) * 100 / total.Value) : -1,
            });
        }

        private int ProgressActivityId => GetType().Name.GetHashCode() & 0x7FFFFFFF;

        protected override void EndProcessing()
        {
            if (_progressActivity != null)
                WriteProgress(new ProgressRecord(ProgressActivityId, _progressActivity, "Done") { RecordType = ProgressRecordType.Completed });
        }

        /// <summary>
        /// Reports one failed input, named by <paramref name="item"/> (ErrorRecordFactory.ItemName), and lets the
        /// pipeline go on with the next, unless the failure leaves nothing able to go on (the session can no longer
        /// authenticate): then it is terminating.
        /// </summary>
        internal void WriteTableauError(TableauException exception, object? target, string? item = null)
        {
            var record = ErrorRecordFactory.FromTableau(exception, target, item);
            if (ErrorRecordFactory.EndsTheSession(exception)) ThrowTerminatingError(record);
            WriteError(record);
        }

        /// <summary>PowerShell calls it when the pipeline ends, however it ended (Ctrl+C included).</summary>
        public void Dispose()
        {
            OnPipelineEnded();
            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        /// <summary>Clean-up that must happen even when the command was stopped; nothing can be written any more.</summary>
        private protected virtual void OnPipelineEnded()
        {
        }
    }
}
