using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.Diagnostics;

namespace TableauWebhooks.Hosting
{
    /// <summary>
    /// Runs a program in a new process to its end, with its output captured, for the tests (and benchmarks) that need one.
    /// Whatever happens meanwhile, a timeout or an exception, the process and every process it started are killed before
    /// the call returns or throws: a failing test leaves nothing running.
    /// </summary>
    public static class ChildProcess
    {
        /// <param name="what">Names the run in the timeout's message, e.g. "The quick benchmark".</param>
        public static ChildProcessResult Run(string program, IEnumerable<string> arguments, TimeSpan timeout, string what, string? workingDirectory = null)
        {
            var start = new ProcessStartInfo(program)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            if (workingDirectory != null) start.WorkingDirectory = workingDirectory;

            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start) ?? throw new InvalidOperationException($"{what}: {program} did not start.");
            try
            {
                // Nothing can prompt: its input is closed at once.
                process.StandardInput.Close();
                var stdout = process.StandardOutput.ReadToEndAsync();
                var stderr = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(timeout))
                {
                    KillTree(process);
                    throw new TimeoutException($"{what} did not finish within {timeout.TotalSeconds:0} s. Output so far:{Environment.NewLine}{stdout.Result}{stderr.Result}");
                }
                process.WaitForExit(); // and its output to the end
                return new ChildProcessResult(process.ExitCode, stdout.Result, stderr.Result, watch.Elapsed);
            }
            finally
            {
                KillTree(process);
            }
        }

        private static void KillTree(Process process)
        {
            try
            {
                if (process.HasExited) return;
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
            catch (InvalidOperationException)
            {
                // It ended meanwhile.
            }
            catch (Win32Exception)
            {
                // One of its processes ended while the tree was being killed.
            }
        }
    }
}
