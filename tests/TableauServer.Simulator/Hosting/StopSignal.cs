using System;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Threading;
using System.Threading.Tasks;

namespace TableauServer.Simulator.Hosting;

/// <summary>
/// SIGINT (Ctrl+C) and SIGTERM (kill, service managers, CI) as one request to stop the simulator process, registered on
/// the first line of Main so that no signal is lost while it starts, and the time from the signal's arrival to the end
/// of the shutdown. The runtime's own handling is cancelled: the simulator stops on Main's thread and exits with 0.
/// </summary>
internal sealed class StopSignal : IDisposable
{
    private readonly CancellationTokenSource requested = new();
    private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly PosixSignalRegistration interrupt;
    private readonly PosixSignalRegistration terminate;
    private long arrivedAt;
    private string signal = "";

    /// <summary>Printed first, once the handlers are in place: from then on a signal stops the simulator with exit code 0.</summary>
    public const string ListeningLine = "Starting; SIGINT or SIGTERM stops the simulator from now on.";

    public StopSignal()
    {
        interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    /// <summary>Cancelled when a signal arrives: start-up gives up at its next step.</summary>
    public CancellationToken Token => requested.Token;

    /// <summary>Completes when a signal arrives.</summary>
    public Task Arrived => arrived.Task;

    /// <summary>"Stopped 123 ms after SIGTERM", measured from the signal's arrival to now; <paramref name="when"/> is appended.</summary>
    public string Describe(string when = "")
    {
        var elapsed = Stopwatch.GetElapsedTime(Interlocked.Read(ref arrivedAt));
        return $"Stopped {(long)elapsed.TotalMilliseconds} ms after {signal}{when}";
    }

    public void Dispose()
    {
        interrupt.Dispose();
        terminate.Dispose();
    }

    // Runs on the runtime's signal thread: note the moment and hand the stop to the thread pool (a second signal is
    // absorbed too, so a stop in progress is not cut short by the runtime's default action).
    private void Handle(PosixSignalContext context)
    {
        context.Cancel = true;
        if (arrived.Task.IsCompleted)
        {
            return;
        }

        signal = context.Signal.ToString();
        Interlocked.Exchange(ref arrivedAt, Stopwatch.GetTimestamp());
        arrived.TrySetResult();
        _ = requested.CancelAsync();
    }
}
