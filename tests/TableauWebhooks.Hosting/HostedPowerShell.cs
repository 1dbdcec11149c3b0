using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using Microsoft.PowerShell.Commands;

namespace TableauWebhooks.Hosting
{
    /// <summary>
    /// A real PowerShell 7.6 runspace in this process, with a capturing host. The engine's core cmdlets exist here, and
    /// of Microsoft.PowerShell.Utility only the three a user's view of the module depends on: Format-List and Format-Table
    /// (the views) and Get-FormatData. Scripts otherwise use what Core and .NET offer; what only a real shell shows is
    /// tested in real pwsh (tests/Pester).
    /// </summary>
    public sealed class HostedPowerShell : IDisposable
    {
        private HostedPowerShell(CapturingHost host)
        {
            Host = host;
            var state = InitialSessionState.CreateDefault2();
            state.Commands.Add(new SessionStateCmdletEntry("Format-List", typeof(FormatListCommand), null));
            state.Commands.Add(new SessionStateCmdletEntry("Format-Table", typeof(FormatTableCommand), null));
            state.Commands.Add(new SessionStateCmdletEntry("Get-FormatData", typeof(GetFormatDataCommand), null));
            Runspace = RunspaceFactory.CreateRunspace(host, state);
            Runspace.Open();
        }

        public CapturingHost Host { get; }
        public Runspace Runspace { get; }

        /// <param name="colours">Keep PowerShell's ANSI colour sequences (for a terminal); otherwise the host shows plain text.</param>
        public static HostedPowerShell Create(bool echoToConsole = false, bool colours = false) => new HostedPowerShell(new CapturingHost(echoToConsole, colours));

        /// <summary>A runspace with the built module (out/TableauWebhooks) imported, as a user would import it.</summary>
        public static HostedPowerShell WithModule(bool echoToConsole = false, bool colours = false)
        {
            var shell = Create(echoToConsole, colours);
            var result = shell.Run("Import-Module -Name $args[0] -ErrorAction Stop", ModuleLayout.BuiltManifestPath);
            if (!result.Succeeded)
            {
                shell.Dispose();
                throw new InvalidOperationException("Importing the built module failed: " + result.Describe());
            }
            return shell;
        }

        /// <summary>Runs script text; positional arguments arrive as $args. Host output of this run only is captured.</summary>
        public ScriptResult Run(string script, params object?[] arguments)
        {
            Host.Capture.Clear();
            using var ps = PowerShell.Create();
            ps.Runspace = Runspace;
            ps.AddScript(script);
            foreach (var argument in arguments) ps.AddArgument(argument);

            var output = new List<PSObject>();
            ErrorRecord? terminating = null;
            try
            {
                output.AddRange(ps.Invoke().Where(o => o != null));
            }
            catch (RuntimeException ex)
            {
                terminating = ex.ErrorRecord;
            }

            return new ScriptResult(
                output,
                ps.Streams.Error.ToList(),
                ps.Streams.Warning.Select(w => w.Message).ToList(),
                ps.Streams.Verbose.Select(v => v.Message).ToList(),
                ps.Streams.Debug.Select(d => d.Message).ToList(),
                terminating,
                Host.Capture.Text,
                Progress(ps), Information(ps));
        }

        /// <summary>How long <see cref="RunAndStop"/> waits for its moment, only against a hang.</summary>
        public static readonly TimeSpan StopMomentGuard = TimeSpan.FromSeconds(60);

        /// <summary>
        /// Starts the script, presses Ctrl+C (PowerShell.Stop) as soon as <paramref name="stopWhen"/> holds, and reports
        /// how long the stop took to return: the time a user waits after Ctrl+C. The moment is an event, never a guess of
        /// time: the simulator holds the request the test means to interrupt, or the script's verbose messages so far
        /// (the argument) say the client has an answer. A moment that never comes within <see cref="StopMomentGuard"/>
        /// (or a script that ends first) stops the script all the same and fails naming <paramref name="moment"/>.
        /// </summary>
        public (ScriptResult Result, TimeSpan StopTook) RunAndStop(string script, Func<IReadOnlyCollection<string>, bool> stopWhen, string moment)
        {
            Host.Capture.Clear();
            using var ps = PowerShell.Create();
            ps.Runspace = Runspace;
            ps.AddScript(script);
            var verbose = new System.Collections.Concurrent.ConcurrentQueue<string>();
            ps.Streams.Verbose.DataAdded += (sender, e) => verbose.Enqueue(((PSDataCollection<VerboseRecord>)sender!)[e.Index].Message);
            var pending = ps.BeginInvoke();
            var waited = Stopwatch.StartNew();
            while (!stopWhen(verbose) && !pending.IsCompleted && waited.Elapsed < StopMomentGuard)
                Thread.Sleep(10);
            var reached = stopWhen(verbose);
            var watch = Stopwatch.StartNew();
            ps.Stop();
            watch.Stop();
            ErrorRecord? terminating = null;
            var output = new List<PSObject>();
            try
            {
                output.AddRange(ps.EndInvoke(pending).Where(o => o != null));
            }
            catch (RuntimeException ex)
            {
                terminating = ex.ErrorRecord;
            }
            var result = new ScriptResult(output, ps.Streams.Error.ToList(), ps.Streams.Warning.Select(w => w.Message).ToList(),
                ps.Streams.Verbose.Select(v => v.Message).ToList(), ps.Streams.Debug.Select(d => d.Message).ToList(), terminating, Host.Capture.Text,
                Progress(ps), Information(ps));
            if (!reached)
                throw new TimeoutException($"The moment to stop never came ({moment}) within {waited.Elapsed.TotalSeconds:0} s; "
                    + $"the script {(pending.IsCompleted ? "had ended" : "was still running")}. {result.Describe()}");
            return (result, watch.Elapsed);
        }

        private static List<string> Progress(PowerShell ps)
            => ps.Streams.Progress.Select(p => $"{p.Activity} | {p.StatusDescription} | {p.CurrentOperation}").ToList();

        private static List<string> Information(PowerShell ps)
            => ps.Streams.Information.Select(i => i.MessageData?.ToString() ?? "").ToList();

        /// <summary>Sets a global variable, e.g. a SecureString the script should not see as text.</summary>
        public void SetVariable(string name, object? value) => Runspace.SessionStateProxy.SetVariable(name, value);

        public void Dispose() => Runspace.Dispose();
    }
}
