using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Text.Json;
using TableauWebhooks.Hosting;

namespace TableauWebhooks.Benchmarks
{
    /// <summary>
    /// Import-Module as users pay it: a whole `pwsh -NoProfile -NonInteractive -Command Import-Module ...` process with
    /// the built module vs the same process with the empty binary module, interleaved, median of each. Process start is
    /// in both; the difference is what importing this module (its format views included) costs a user. The pwsh is the
    /// one the repository pins (.config/dotnet-tools.json), run from the NuGet tool package `dotnet tool restore` fills.
    /// </summary>
    internal static class PwshImportBenchmark
    {
        public static IEnumerable<Row> Run(Plan plan)
        {
            var pwsh = FindRestoredPwsh();
            if (pwsh == null)
            {
                Console.WriteLine("  skipped pwsh import: the pinned PowerShell tool is not restored (run `dotnet tool restore`).");
                yield break;
            }

            var ours = ModuleLayout.BuiltManifestPath;
            var empty = ImportBenchmark.EmptyManifest;
            ImportInNewProcess(pwsh, ours);
            ImportInNewProcess(pwsh, empty);
            var oursMs = new List<double>();
            var emptyMs = new List<double>();
            for (var i = 0; i < plan.PwshImportRepetitions; i++)
            {
                // Alternate the order so neither always starts right after the other.
                if (i % 2 == 0)
                {
                    oursMs.Add(ImportInNewProcess(pwsh, ours));
                    emptyMs.Add(ImportInNewProcess(pwsh, empty));
                }
                else
                {
                    emptyMs.Add(ImportInNewProcess(pwsh, empty));
                    oursMs.Add(ImportInNewProcess(pwsh, ours));
                }
            }
            var o = Program.Median(oursMs);
            var e = Program.Median(emptyMs);
            yield return new Row("pwsh process: start + Import-Module", $"{o:0} ms", $"{e:0} ms (empty binary module)", o / e, 1.5,
                $"median of {plan.PwshImportRepetitions} `pwsh -NoProfile -NonInteractive -Command Import-Module` processes each, interleaved ({Path.GetFileName(Path.GetDirectoryName(pwsh))}/pwsh.dll, the format views loaded at import)");
        }

        private static double ImportInNewProcess(string pwshDll, string manifest)
        {
            var run = ChildProcess.Run("dotnet", new[] { pwshDll, "-NoProfile", "-NonInteractive", "-Command", $"Import-Module -Name '{manifest}' -ErrorAction Stop" },
                TimeSpan.FromMinutes(5), $"pwsh importing {manifest}");
            if (run.ExitCode != 0)
                throw new InvalidOperationException($"pwsh failed to import {manifest} (exit code {run.ExitCode}): {run.StandardError}{run.StandardOutput}");
            return run.Took.TotalMilliseconds;
        }

        /// <summary>pwsh.dll of the PowerShell version the tool manifest pins, from the NuGet packages folder.</summary>
        private static string? FindRestoredPwsh()
        {
            var manifest = Path.Combine(ModuleLayout.RepositoryRoot, ".config", "dotnet-tools.json");
            if (!File.Exists(manifest)) return null;
            using var tools = JsonDocument.Parse(File.ReadAllText(manifest));
            var version = tools.RootElement.GetProperty("tools").GetProperty("powershell").GetProperty("version").GetString();
            var packages = Environment.GetEnvironmentVariable("NUGET_PACKAGES")
                ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
            var tool = Path.Combine(packages, "powershell", version ?? "", "tools");
            if (!Directory.Exists(tool)) return null;
            var platform = OperatingSystem.IsWindows() ? "win" : "unix";
            return Directory.EnumerateFiles(tool, "pwsh.dll", SearchOption.AllDirectories)
                .FirstOrDefault(p => string.Equals(Path.GetFileName(Path.GetDirectoryName(p)), platform, StringComparison.OrdinalIgnoreCase));
        }
    }
}
