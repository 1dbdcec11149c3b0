using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Errors;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// The bulk piece a cmdlet can take: pipeline records sent with up to ThrottleLimit requests in flight at once.
    /// Requests start on the pipeline thread after ShouldProcess; their results are written, in input order, on the
    /// pipeline thread as the oldest completes. With a limit of 1 each record completes before the next. A cmdlet that
    /// takes it declares -ThrottleLimit (IBulkCmdlet); TableauConnectedCmdlet completes what is left in EndProcessing.
    /// </summary>
    internal sealed class BulkDispatcher
    {
        private readonly Queue<InFlight> _inFlight = new Queue<InFlight>();
        private readonly TableauConnectedCmdlet _cmdlet;
        private readonly Func<int> _throttleLimit;

        public BulkDispatcher(TableauConnectedCmdlet cmdlet, Func<int> throttleLimit)
        {
            _cmdlet = cmdlet;
            _throttleLimit = throttleLimit;
        }

        /// <summary>
        /// Starts a client call for this record. <paramref name="onSuccess"/> and error reporting run later, on the
        /// pipeline thread, in the order records arrived; an error has <paramref name="target"/> (what the user gave) as
        /// its TargetObject and is named by <paramref name="item"/> (ErrorRecordFactory.ItemName). The call runs on
        /// <paramref name="site"/> of the session's server; null is the session's own site. <paramref name="onFailure"/>
        /// runs, on the pipeline thread, after a failure's error is written.
        /// </summary>
        public void Dispatch<T>(TableauSession session, string? site, Func<TableauRestClient, CancellationToken, Task<T>> call, object? target, string? item,
            Action<T> onSuccess, string? interruptedNotice = null, Action<TableauException>? onFailure = null)
        {
            var stop = _cmdlet.StopToken;
            var task = _cmdlet.StartOwned(() => Task.Run(() => _cmdlet.Route(session, site, call, stop), stop));
            Track(task, target, item, onSuccess, interruptedNotice, onFailure);
            CompleteOldestWhileMoreThan(_throttleLimit() - 1);
        }

        /// <summary>
        /// For work known in full up front (a sync's plan), after ShouldProcess: the call is queued at once and starts as
        /// soon as one of the ThrottleLimit slots is free, straight from the call that frees it, without waiting for the
        /// pipeline thread; results are still written on the pipeline thread in the order they were queued. Use either
        /// this or Dispatch in one command, not both: Dispatch's limit counts these as running.
        /// </summary>
        public void DispatchQueued<T>(TableauSession session, string? site, Func<TableauRestClient, CancellationToken, Task<T>> call, object? target, string? item,
            Action<T> onSuccess, string? interruptedNotice = null, Action<TableauException>? onFailure = null)
        {
            var task = _cmdlet.StartThrottled(_throttleLimit(), session, site, call);
            Track(task, target, item, onSuccess, interruptedNotice, onFailure);
            WriteFinished();
        }

        private void Track<T>(Task<T> task, object? target, string? item, Action<T> onSuccess, string? interruptedNotice, Action<TableauException>? onFailure)
        {
            _inFlight.Enqueue(new InFlight(task, interruptedNotice,
                complete: mayTerminate =>
                {
                    T result;
                    try
                    {
                        result = task.GetAwaiter().GetResult();
                    }
                    catch (TableauException ex)
                    {
                        if (mayTerminate) _cmdlet.WriteTableauError(ex, target, item);
                        else _cmdlet.WriteError(ErrorRecordFactory.FromTableau(ex, target, item));
                        onFailure?.Invoke(ex);
                        return;
                    }
                    onSuccess(result);
                },
                describeDone: () => task.Status == TaskStatus.RanToCompletion ? Describe(task.Result, target) : null));
        }

        /// <summary>
        /// Writes something already known (no request needed) in its place among the results in flight, so output keeps
        /// the order records came in. It never waits: it writes only what has finished ahead of it.
        /// </summary>
        public void Enqueue(Action write)
        {
            _inFlight.Enqueue(new InFlight(Task.CompletedTask, null, complete: _ => write(), describeDone: () => null));
            WriteFinished();
        }

        /// <summary>Writes the results at the front of the queue that have finished, and nothing else.</summary>
        private void WriteFinished() => CompleteOldestWhileMoreThan(int.MaxValue);

        /// <summary>How a warning names a finished record: the webhook a call returned, else what the user gave.</summary>
        private static string Describe(object? result, object? target)
            => result is WebhookInfo webhook ? $"'{webhook.Name}' ({webhook.Id})" : target?.ToString() ?? "";

        public void Dispatch(TableauSession session, string? site, Func<TableauRestClient, CancellationToken, Task> call, object? target, string? item,
            Action onSuccess, string? interruptedNotice = null)
            => Dispatch<bool>(session, site, async (c, ct) => { await call(c, ct).ConfigureAwait(false); return true; }, target, item, _ => onSuccess(), interruptedNotice);

        /// <summary>Writes every result still in flight: before an error found on the pipeline thread, and at the end.</summary>
        public void CompleteAll() => CompleteOldestWhileMoreThan(0);

        /// <summary>
        /// Writes finished results from the front of the queue, and waits for the oldest while more than
        /// <paramref name="count"/> calls are still running. Only running calls count against the limit: results known
        /// without a request (Enqueue) wait their turn without taking a slot.
        /// </summary>
        private void CompleteOldestWhileMoreThan(int count)
        {
            while (_inFlight.Count > 0 && MustCompleteOldest(count))
            {
                var oldest = WaitForOldest();
                try
                {
                    oldest.Complete(true);
                }
                catch (Exception) when (_inFlight.Count > 0)
                {
                    // A terminating error (the session can no longer sign in) ends the command, but requests after it
                    // may have finished: write each one first, so nothing that was done is lost to a re-run.
                    FinishTheRestBeforeStopping();
                    throw;
                }
            }
        }

        /// <summary>
        /// The oldest has finished, or more than <paramref name="count"/> calls are running. The running calls are counted
        /// before the oldest is looked at: a call can finish between the two reads, and only in this order does it then
        /// count as finished in the second. Read the other way round, the last call finishing in between was neither
        /// finished nor running, and CompleteAll returned without writing its result or its error.
        /// </summary>
        private bool MustCompleteOldest(int count)
        {
            // Fewer calls queued than the limit cannot be more running than it: skip the count (a sync queues its whole plan).
            var running = _inFlight.Count > count ? Running() : 0;
            return running > count || _inFlight.Peek().Task.IsCompleted;
        }

        private int Running() => _inFlight.Count(call => !call.Task.IsCompleted);

        /// <summary>Waits (writing traces) for the oldest call without throwing for its own failure; Complete reports that.</summary>
        private InFlight WaitForOldest()
        {
            var oldest = _inFlight.Peek();
            if (oldest.Task.IsCompleted && !_cmdlet.StopToken.IsCancellationRequested) return _inFlight.Dequeue();
            try
            {
                _cmdlet.Await(ct => oldest.Task.ContinueWith(_ => true, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default));
                if (_cmdlet.StopToken.IsCancellationRequested) throw new PipelineStoppedException();
            }
            catch (PipelineStoppedException)
            {
                TellWhatMayHaveHappened();
                throw;
            }
            return _inFlight.Dequeue();
        }

        private void FinishTheRestBeforeStopping()
        {
            while (_inFlight.Count > 0) WaitForOldest().Complete(false);
        }

        // Ctrl+C cancelled every call in flight. Writes are refused once the pipeline is stopping, so what finished before
        // the stop and what may have reached Tableau are told straight to the host, by name and id.
        private void TellWhatMayHaveHappened()
        {
            while (_inFlight.Count > 0)
            {
                var call = _inFlight.Dequeue();
                var done = call.DescribeDone();
                if (done != null) _cmdlet.Host?.UI?.WriteWarningLine($"{_cmdlet.MyInvocation.MyCommand.Name} had finished {done} before it was stopped.");
                else if (call.InterruptedNotice != null) _cmdlet.Host?.UI?.WriteWarningLine(call.InterruptedNotice);
            }
        }

        private sealed class InFlight
        {
            public InFlight(Task task, string? interruptedNotice, Action<bool> complete, Func<string?> describeDone)
            {
                Task = task;
                InterruptedNotice = interruptedNotice;
                Complete = complete;
                DescribeDone = describeDone;
            }

            public Task Task { get; }
            public string? InterruptedNotice { get; }
            /// <summary>Writes the result or the error; false: an error is written as non-terminating whatever it is.</summary>
            public Action<bool> Complete { get; }
            /// <summary>What finished, for a warning after a stop; null when the call did not succeed.</summary>
            public Func<string?> DescribeDone { get; }
        }
    }
}
