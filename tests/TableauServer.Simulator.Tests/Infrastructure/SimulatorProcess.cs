using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Runtime.InteropServices;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;

namespace TableauServer.Simulator.Tests.Infrastructure;

/// <summary>
/// The built simulator as its own process (<c>dotnet TableauServer.Simulator.dll</c>), as scripts, CI and service managers
/// run it: its output lines as they come, POSIX signals, and every wait bounded by a hang guard that fails saying what it
/// waited for. Dispose kills the whole process tree if it is still running, so a failing test leaves nothing behind.
/// </summary>
public sealed partial class SimulatorProcess : IDisposable
{
    /// <summary>Only against a hang: how long anything may take before the test fails, however busy the machine.</summary>
    public static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(60);

    private readonly Process process;
    private readonly object gate = new();
    private readonly List<string> lines = new();

    private SimulatorProcess(Process process, Stopwatch sinceStart)
    {
        this.process = process;
        SinceStart = sinceStart;
    }

    /// <summary>Time since <see cref="Process.Start()"/> returned.</summary>
    public Stopwatch SinceStart { get; }

    /// <summary>Everything it wrote so far, stdout and stderr interleaved as they arrived.</summary>
    public string Output
    {
        get
        {
            lock (gate)
            {
                return string.Join(Environment.NewLine, lines);
            }
        }
    }

    /// <summary>Starts the simulator on a free loopback port with extra <paramref name="options"/> (--Simulator:Name=value).</summary>
    public static SimulatorProcess Start(params string[] options)
    {
        var start = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "TableauServer.Simulator.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        var process = new Process { StartInfo = start };
        var started = new SimulatorProcess(process, new Stopwatch());
        process.OutputDataReceived += (_, e) => started.Add(e.Data);
        process.ErrorDataReceived += (_, e) => started.Add(e.Data);
        process.Start();
        started.SinceStart.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return started;
    }

    /// <summary>The REST API's base URL, once it printed it.</summary>
    public async Task<Uri> WaitForBaseUrlAsync() => new(Value(await WaitForLineAsync("Base URL:", "the base URL it prints once started")));

    /// <summary>The built-in receiver's base URL (https://127.0.0.1:port/hooks/), once it printed it.</summary>
    public async Task<Uri> WaitForReceiverUrlAsync() => new(Value(await WaitForLineAsync("Webhook receiver:", "the receiver URL it prints once started")).Split(' ')[0]);

    /// <summary>Sends SIGINT or SIGTERM ("INT", "TERM") straight to the process.</summary>
    public void Signal(string signal)
    {
        var number = signal switch
        {
            "INT" => 2,
            "TERM" => 15,
            _ => throw new ArgumentOutOfRangeException(nameof(signal), signal, "INT or TERM."),
        };
        if (Kill(process.Id, number) != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {process.Id} failed with errno {Marshal.GetLastPInvokeError()}.");
        }
    }

    /// <summary>Its exit code once it ended (128 + n for death by signal n); fails after <see cref="HangGuard"/>.</summary>
    public async Task<int> WaitForExitAsync(string after)
    {
        using var guard = new CancellationTokenSource(HangGuard);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"The simulator was still running {HangGuard.TotalSeconds:0} s {after}. Its output:{Environment.NewLine}{Output}");
        }

        return process.ExitCode;
    }

    /// <summary>
    /// The simulator's own measure of its shutdown, from the "Stopped 123 ms after SIGTERM" line it prints last: the time
    /// from the signal's arrival to the end of its shutdown, which a busy machine's slow process start and exit do not
    /// distort. Fails when the line is missing.
    /// </summary>
    public (TimeSpan Elapsed, string Signal) StopReport()
    {
        var match = StoppedLine().Match(Output);
        if (!match.Success)
        {
            throw new InvalidOperationException($"The simulator printed no \"Stopped N ms after SIG...\" line. Its output:{Environment.NewLine}{Output}");
        }

        return (TimeSpan.FromMilliseconds(long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)), match.Groups[2].Value);
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // It ended on its own meanwhile.
        }

        process.Dispose();
    }

    private async Task<string> WaitForLineAsync(string marker, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            string? line;
            lock (gate)
            {
                line = lines.FirstOrDefault(l => l.Contains(marker, StringComparison.Ordinal));
            }

            if (line is not null)
            {
                return line;
            }

            if (process.HasExited || deadline.Elapsed > HangGuard)
            {
                throw new TimeoutException($"Waited {deadline.Elapsed.TotalSeconds:0} s for {what}; the simulator "
                    + (process.HasExited ? $"exited with {process.ExitCode}" : "is still running") + $". Its output:{Environment.NewLine}{Output}");
            }

            await Task.Delay(20);
        }
    }

    private void Add(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (gate)
        {
            lines.Add(line);
        }
    }

    private static string Value(string line) => line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();

    [GeneratedRegex(@"Stopped (\d+) ms after (SIG[A-Z]+)")]
    private static partial Regex StoppedLine();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
