using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A cmdlet that changes or tests webhooks one pipeline record at a time, with -ThrottleLimit of them in flight at
    /// once. Requests start on the pipeline thread after ShouldProcess; their results are written, in input order, on
    /// the pipeline thread as the oldest completes. With the default limit of 1 each record completes before the next.
    /// </summary>
    public abstract class TableauBulkCmdlet : TableauConnectedCmdlet
    {
        private readonly Queue<InFlight> _inFlight = new Queue<InFlight>();

        /// <summary>How many requests may be in flight at once for piped input.</summary>
        [Parameter]
        [ValidateRange(1, 64)]
        public int ThrottleLimit { get; set; } = 1;

        /// <summary>
        /// Starts a client call for this record. <paramref name="onSuccess"/> and error reporting run later, on the
        /// pipeline thread, in the order records arrived.
        /// </summary>
        internal void Dispatch<T>(TableauSession session, Func<TableauRestClient, CancellationToken, Task<T>> call, object? target,
            Action<T> onSuccess, string? interruptedNotice = null)
        {
            var task = Task.Run(() => call(session.Client, StopToken), StopToken);
            _inFlight.Enqueue(new InFlight(task, session.Trace, interruptedNotice, () =>
            {
                T result;
                try
                {
                    result = task.GetAwaiter().GetResult();
                }
                catch (TableauException ex)
                {
                    WriteTableauError(ex, target);
                    return;
                }
                onSuccess(result);
            }));
            CompleteOldestWhileMoreThan(ThrottleLimit - 1);
        }

        internal void Dispatch(TableauSession session, Func<TableauRestClient, CancellationToken, Task> call, object? target,
            Action onSuccess, string? interruptedNotice = null)
            => Dispatch<bool>(session, async (c, ct) => { await call(c, ct).ConfigureAwait(false); return true; }, target, _ => onSuccess(), interruptedNotice);

        /// <summary>
        /// Reports a failure found on the pipeline thread (before any request) after the results of earlier records,
        /// so output and errors stay in input order.
        /// </summary>
        protected void WriteErrorInOrder(ErrorRecord record)
        {
            CompleteOldestWhileMoreThan(0);
            WriteError(record);
        }

        protected void WriteTableauErrorInOrder(TableauException exception, object? target)
        {
            CompleteOldestWhileMoreThan(0);
            WriteTableauError(exception, target);
        }

        protected override void EndProcessing()
        {
            CompleteOldestWhileMoreThan(0);
            base.EndProcessing();
        }

        private void CompleteOldestWhileMoreThan(int count)
        {
            while (_inFlight.Count > count)
            {
                var oldest = _inFlight.Peek();
                try
                {
                    // Waits (writing traces) without throwing for the call's own failure; Complete reports that.
                    Await(ct => oldest.Task.ContinueWith(_ => true, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default), oldest.Trace);
                    if (StopToken.IsCancellationRequested) throw new PipelineStoppedException();
                }
                catch (PipelineStoppedException)
                {
                    TellWhatMayHaveHappened();
                    throw;
                }
                _inFlight.Dequeue();
                oldest.Complete();
            }
        }

        // Ctrl+C cancelled every call in flight; a change may have reached Tableau before it did. Writes are refused
        // once the pipeline is stopping, so each notice goes straight to the host.
        private void TellWhatMayHaveHappened()
        {
            while (_inFlight.Count > 0)
            {
                var notice = _inFlight.Dequeue().InterruptedNotice;
                if (notice != null) Host?.UI?.WriteWarningLine(notice);
            }
        }

        private sealed class InFlight
        {
            public InFlight(Task task, TraceQueue trace, string? interruptedNotice, Action complete)
            {
                Task = task;
                Trace = trace;
                InterruptedNotice = interruptedNotice;
                Complete = complete;
            }

            public Task Task { get; }
            public TraceQueue Trace { get; }
            public string? InterruptedNotice { get; }
            public Action Complete { get; }
        }
    }
}
