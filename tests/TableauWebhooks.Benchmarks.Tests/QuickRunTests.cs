using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using TableauWebhooks.Hosting;
using Xunit;

namespace TableauWebhooks.Benchmarks.Tests
{
    /// <summary>
    /// Runs `TableauWebhooks.Benchmarks --quick` as a user would and checks it completes with a full table: every
    /// measurement has a row with a positive ratio and, where it has a goal, a verdict. The ratios themselves are not
    /// judged: a test never times anything.
    /// </summary>
    public sealed class QuickRunTests
    {
        private static readonly string[] Measurements =
        {
            "pwsh process: start + Import-Module", "import (fresh runspace, warm process)", "import + first command", "per call: Get-TableauWebhook -Id",
            "per call vs raw GET looped in C#", "per call vs PowerShell floor", "per call, slower server",
            "bulk: create+delete 100, sequential", "bulk: create+delete 100, -ThrottleLimit 8", "memory: list 1000 webhooks",
            "sync: 100 webhooks on 5 sites, 10 changes, -ThrottleLimit 8",
            "receiver: worst delivery latency amid 50 slow connections, vs Kestrel", "receiver: worst delivery latency amid 50 slow connections, absolute",
        };

        private static readonly string[] WithGoals =
        {
            "pwsh process: start + Import-Module", "per call: Get-TableauWebhook -Id", "bulk: create+delete 100, -ThrottleLimit 8", "memory: list 1000 webhooks",
            "sync: 100 webhooks on 5 sites, 10 changes, -ThrottleLimit 8",
            "receiver: worst delivery latency amid 50 slow connections, vs Kestrel", "receiver: worst delivery latency amid 50 slow connections, absolute",
        };

        [Fact]
        public void The_quick_run_finishes_and_prints_every_measurement_with_its_ratio()
        {
            var (exitCode, output) = RunBenchmark("--quick");

            Assert.True(exitCode == 0, $"The benchmark exited with {exitCode}:\n{output}");
            var rows = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("| ", StringComparison.Ordinal)).ToList();
            foreach (var name in Measurements)
            {
                var row = rows.SingleOrDefault(r => r.StartsWith("| " + name, StringComparison.Ordinal));
                Assert.True(row != null, $"No row for '{name}' in:\n{output}");
                var cells = row!.Trim('|').Split('|').Select(c => c.Trim()).ToArray();
                var ratio = double.Parse(cells[3].TrimEnd('x'), System.Globalization.CultureInfo.InvariantCulture);
                Assert.True(ratio > 0, $"'{name}' has ratio {cells[3]}");
                if (WithGoals.Contains(name)) Assert.Contains(cells[5], new[] { "PASS", "MISS" });
                else Assert.Equal("-", cells[5]);
            }
            Assert.Matches(new Regex(@"(?m)^Machine: .+ cores"), output);
        }

        [Fact]
        public void Only_runs_the_chosen_measurements()
        {
            var (exitCode, output) = RunBenchmark("--quick", "--only", "memory");

            Assert.True(exitCode == 0, $"The benchmark exited with {exitCode}:\n{output}");
            var rows = output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("| ", StringComparison.Ordinal) && !l.StartsWith("| measurement", StringComparison.Ordinal)).ToList();
            Assert.Single(rows);
            Assert.StartsWith("| memory: list 1000 webhooks", rows[0]);
        }

        private static (int ExitCode, string Output) RunBenchmark(params string[] arguments)
        {
            // This test's own output folder names the configuration and framework the benchmark was built with.
            var testOutput = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
            var framework = Path.GetFileName(testOutput);
            var configuration = Path.GetFileName(Path.GetDirectoryName(testOutput)!);
            var benchmark = Path.Combine(ModuleLayout.RepositoryRoot, "tests", "TableauWebhooks.Benchmarks", "bin", configuration, framework, "TableauWebhooks.Benchmarks.dll");
            Assert.True(File.Exists(benchmark), $"The benchmark is not built at {benchmark}.");

            var run = ChildProcess.Run("dotnet", new[] { benchmark }.Concat(arguments), TimeSpan.FromMinutes(10), "The quick benchmark");
            return (run.ExitCode, run.StandardOutput + run.StandardError);
        }
    }
}
