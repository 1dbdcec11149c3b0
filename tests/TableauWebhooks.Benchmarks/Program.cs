using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;

namespace TableauWebhooks.Benchmarks
{
    /// <summary>
    /// The module's costs against their baselines, each pair measured in this one process against the in-process
    /// simulator: import vs an empty binary module, one Get-TableauWebhook -Id vs a raw HttpClient GET, bulk create +
    /// delete vs N × latency / concurrency, and the managed memory a 10,000-webhook list keeps vs its JSON size.
    /// Exit code 0 whatever the ratios (it reports); 1 only when the harness itself fails.
    /// </summary>
    internal static class Program
    {
        // Synchronous on purpose: like pwsh's own, the thread that runs PowerShell here is not a thread-pool thread, so a
        // cmdlet blocking its pipeline thread does not take a pool thread from the HTTP stack and the simulator.
        private static int Main(string[] args)
        {
            var quick = args.Any(a => a is "--quick" or "-quick" or "quick");
            var plan = quick ? Plan.Quick : Plan.Full;
            try
            {
                Console.WriteLine($"TableauWebhooks benchmark ({(quick ? "quick smoke run, small N: ratios are indicative only" : "full run")})");
                Console.WriteLine("Machine: " + Machine.Describe());
                Console.WriteLine($"Module: {ModuleLayout.BuiltManifestPath}");
                var startLoad = Machine.LoadAverage();
                Console.WriteLine();

                var rows = new List<Row>();
                var simulator = SimulatorHost.StartAsync(SimulatorOptions.CreateDefault()).GetAwaiter().GetResult();
                try
                {

                    foreach (var row in ImportBenchmark.Run(plan))
                    {
                        rows.Add(row);
                        Report(row);
                    }
                    using var shell = Connected(simulator);
                    foreach (var row in PerCallBenchmark.Run(plan, simulator, shell))
                    {
                        rows.Add(row);
                        Report(row);
                    }
                    foreach (var row in BulkBenchmark.Run(plan, simulator, shell))
                    {
                        rows.Add(row);
                        Report(row);
                    }
                    rows.Add(MemoryBenchmark.Run(plan, simulator, shell));
                    Report(rows.Last());
                }
                finally
                {
                    simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
                }

                Console.WriteLine();
                Table.Print(rows);
                Console.WriteLine();
                Console.WriteLine("Machine: " + Machine.Describe());
                Console.WriteLine($"Load average (1/5/15 min) at start: {startLoad}; at end: {Machine.LoadAverage()}");
                foreach (var note in rows.Where(r => r.Note != null).Select(r => $"- {r.Name}: {r.Note}"))
                    Console.WriteLine(note);
                return 0;
            }
            catch (Exception ex)
            {
                Console.Error.WriteLine("The benchmark harness failed: " + ex);
                return 1;
            }
        }

        private static void Report(Row row) => Console.WriteLine($"  measured {row.Name}: {row.Ours} vs {row.Baseline} -> {row.Ratio:0.00}x");

        /// <summary>A runspace with the built module imported and signed in to the simulator as admin.</summary>
        internal static HostedPowerShell Connected(SimulatorHost simulator)
        {
            var shell = HostedPowerShell.WithModule();
            var password = new NetworkCredential("", "admin").SecurePassword;
            var result = shell.Run("Connect-TableauServer -Server $args[0] -Credential $args[1] -ErrorAction Stop",
                simulator.BaseUrl.ToString().TrimEnd('/'), new PSCredential("admin", password));
            Check(result, "Connect-TableauServer");
            return shell;
        }

        internal static void Check(ScriptResult result, string what)
        {
            if (!result.Succeeded) throw new InvalidOperationException($"{what} failed: {result.Describe()}");
        }

        internal static double Median(IEnumerable<double> values)
        {
            var sorted = values.OrderBy(v => v).ToArray();
            if (sorted.Length == 0) throw new InvalidOperationException("No samples.");
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    /// <summary>How much work each measurement does: the full run, or a smoke run CI can afford.</summary>
    internal sealed class Plan
    {
        public static readonly Plan Full = new Plan
        {
            ImportWarmups = 3, ImportRepetitions = 15,
            CallsPerBatch = 2000, CallWarmupBatches = 2, CallRepetitions = 7,
            BulkCount = 1000, BulkRepetitions = 3, SequentialRepetitions = 3,
            ListCount = 10000, MemoryRepetitions = 3,
        };

        public static readonly Plan Quick = new Plan
        {
            ImportWarmups = 1, ImportRepetitions = 3,
            CallsPerBatch = 200, CallWarmupBatches = 1, CallRepetitions = 3,
            BulkCount = 100, BulkRepetitions = 1, SequentialRepetitions = 1,
            ListCount = 1000, MemoryRepetitions = 1,
        };

        public int ImportWarmups { get; private init; }
        public int ImportRepetitions { get; private init; }
        public int CallsPerBatch { get; private init; }
        public int CallWarmupBatches { get; private init; }
        public int CallRepetitions { get; private init; }
        public int BulkCount { get; private init; }
        public int BulkRepetitions { get; private init; }
        public int SequentialRepetitions { get; private init; }
        public int ListCount { get; private init; }
        public int MemoryRepetitions { get; private init; }
        public TimeSpan Latency { get; } = TimeSpan.FromMilliseconds(20);
        public int Throttle { get; } = 8;
    }

    internal sealed record Row(string Name, string Ours, string Baseline, double Ratio, double Goal, string? Note = null)
    {
        /// <summary>Goal 0 = reported only.</summary>
        public string Verdict => Goal <= 0 ? "-" : Ratio <= Goal ? "PASS" : "MISS";
    }

    internal static class Table
    {
        public static void Print(IReadOnlyList<Row> rows)
        {
            var header = new[] { "measurement", "ours", "baseline", "ratio", "goal", "result" };
            var cells = rows.Select(r => new[]
            {
                r.Name, r.Ours, r.Baseline, r.Ratio.ToString("0.00") + "x", r.Goal > 0 ? "<= " + r.Goal.ToString("0.00") + "x" : "(report)", r.Verdict,
            }).ToList();
            var widths = header.Select((h, i) => Math.Max(h.Length, cells.Max(c => c[i].Length))).ToArray();
            string Line(string[] c) => "| " + string.Join(" | ", c.Select((s, i) => i is 0 or 1 or 2 ? s.PadRight(widths[i]) : s.PadLeft(widths[i]))) + " |";
            Console.WriteLine(Line(header));
            Console.WriteLine("|" + string.Join("|", widths.Select((w, i) => i is 0 or 1 or 2 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
            foreach (var c in cells) Console.WriteLine(Line(c));
        }
    }

    internal static class Machine
    {
        /// <summary>Other work on the machine skews every timing: the load average says how busy it was.</summary>
        public static string LoadAverage()
        {
            try
            {
                return string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
            }
            catch (IOException) { return "n/a"; }
            catch (UnauthorizedAccessException) { return "n/a"; }
        }

        public static string Describe()
        {
            string cpu = RuntimeInformation.ProcessArchitecture.ToString();
            try
            {
                var model = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal));
                if (model != null) cpu = model.Substring(model.IndexOf(':') + 1).Trim();
            }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
            return $"{cpu}, {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, " +
                   $"PowerShell {typeof(PSObject).Assembly.GetName().Version} (hosted), {(GCSettings.IsServerGC ? "server" : "workstation")} GC";
        }
    }

    /// <summary>
    /// Import-Module of the built module vs the empty binary module, each into a fresh runspace (runspace creation and
    /// its first command are not timed). Assemblies stay loaded after a module's first import in a process, so warm-up
    /// imports load both modules' assemblies first and every timed import is a warm one, for both alike.
    /// </summary>
    internal static class ImportBenchmark
    {
        public static string EmptyManifest
        {
            get
            {
                var path = Path.Combine(AppContext.BaseDirectory, "EmptyModule", "EmptyModule.psd1");
                if (!File.Exists(path)) throw new FileNotFoundException("The empty baseline module is missing; build the benchmark project.", path);
                return path;
            }
        }

        public static IEnumerable<Row> Run(Plan plan)
        {
            var ours = ModuleLayout.BuiltManifestPath;
            var empty = EmptyManifest;

            for (var i = 0; i < plan.ImportWarmups; i++)
            {
                ImportOnce(ours);
                ImportOnce(empty);
            }
            // Diagnostic: the same module folder with FormatsToProcess taken out of the manifest, to show how much of the
            // import is PowerShell loading format data (a fixed cost for any format file) rather than the module itself.
            var withoutFormats = CopyWithoutFormats(ours);
            try
            {
                for (var i = 0; i < plan.ImportWarmups; i++) ImportOnce(withoutFormats);
                var oursMs = new List<double>();
                var emptyMs = new List<double>();
                var noFormatMs = new List<double>();
                for (var i = 0; i < plan.ImportRepetitions; i++)
                {
                    // Rotate the order so no module always runs right after another's garbage.
                    var order = new[] { (oursMs, ours), (emptyMs, empty), (noFormatMs, withoutFormats) };
                    for (var k = 0; k < order.Length; k++)
                    {
                        var (samples, manifest) = order[(i + k) % order.Length];
                        samples.Add(ImportOnce(manifest));
                    }
                }
                var o = Program.Median(oursMs);
                var e = Program.Median(emptyMs);
                var n = Program.Median(noFormatMs);
                yield return new Row("import (fresh runspace, warm process)", $"{o:0.0} ms", $"{e:0.0} ms (empty binary module)", o / e, 1.5,
                    $"median of {plan.ImportRepetitions} imports each, each into a new runspace; assemblies already loaded by {plan.ImportWarmups} warm-up imports of each module (same for both)");
                yield return new Row("import, diagnostic: without FormatsToProcess", $"{n:0.0} ms", $"{e:0.0} ms (empty binary module)", n / e, 0,
                    $"the built module folder with FormatsToProcess removed from its manifest: the difference to the row above ({o - n:0.0} ms) is PowerShell loading the format file");
            }
            finally
            {
                try { Directory.Delete(Path.GetDirectoryName(Path.GetDirectoryName(withoutFormats)!)!, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }

        private static string CopyWithoutFormats(string manifest)
        {
            var source = Path.GetDirectoryName(manifest)!;
            var target = Path.Combine(Path.GetTempPath(), $"twbench-{Environment.ProcessId}", Path.GetFileName(source));
            foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
            {
                var copy = Path.Combine(target, Path.GetRelativePath(source, file));
                Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
                File.Copy(file, copy, overwrite: true);
            }
            var copiedManifest = Path.Combine(target, Path.GetFileName(manifest));
            var lines = File.ReadAllLines(copiedManifest).Where(l => !l.TrimStart().StartsWith("FormatsToProcess", StringComparison.OrdinalIgnoreCase)).ToArray();
            File.WriteAllLines(copiedManifest, lines);
            return copiedManifest;
        }

        private static double ImportOnce(string manifest)
        {
            using var shell = HostedPowerShell.Create();
            Program.Check(shell.Run("$null = 1"), "The runspace's first command");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            var result = shell.Run("Import-Module -Name $args[0] -ErrorAction Stop", manifest);
            watch.Stop();
            Program.Check(result, "Import-Module " + manifest);
            return watch.Elapsed.TotalMilliseconds;
        }
    }

    /// <summary>
    /// Get-TableauWebhook -Id looped inside one script vs the same GET (same URL, X-Tableau-Auth from its own sign-in,
    /// Accept: application/json, body read) looped in C#.
    /// </summary>
    internal static class PerCallBenchmark
    {
        private const string CmdletLoop = "$id = $args[0]; foreach ($i in 1..$args[1]) { $null = Get-TableauWebhook -Id $id }";

        // What any binary cmdlet doing this GET would at least cost: the same raw GET and one invocation of the empty
        // module's cmdlet, in the same kind of PowerShell loop.
        private const string FloorLoop =
            "$h = $args[0]; $u = $args[1]; foreach ($i in 1..$args[2]) { $null = $h.GetStringAsync($u).GetAwaiter().GetResult(); $null = Get-Empty }";

        public static IEnumerable<Row> Run(Plan plan, SimulatorHost simulator, HostedPowerShell shell)
        {
            simulator.ClearFaults();
            var id = simulator.State.SeedWebhooks(1, namePrefix: "per-call-").Single().Id;
            var apiVersion = shell.Run("(Get-TableauSession | Where-Object IsDefault).ApiVersion.ToString()").Output.Single().ToString()!;
            Program.Check(shell.Run("Import-Module -Name $args[0] -ErrorAction Stop", ImportBenchmark.EmptyManifest), "Import-Module EmptyModule");

            using var http = new HttpClient();
            var (token, siteId) = Raw.SignInAsync(http, simulator, apiVersion).GetAwaiter().GetResult();
            var url = new Uri(simulator.BaseUrl, $"api/{apiVersion}/sites/{siteId}/webhooks/{id}");
            using var floorHttp = new HttpClient();
            floorHttp.DefaultRequestHeaders.TryAddWithoutValidation("X-Tableau-Auth", token);
            floorHttp.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            for (var i = 0; i < plan.CallWarmupBatches; i++)
            {
                CmdletBatch(shell, id, plan.CallsPerBatch);
                RawBatchAsync(http, url, token, plan.CallsPerBatch).GetAwaiter().GetResult();
                FloorBatch(shell, floorHttp, url, plan.CallsPerBatch);
            }
            CmdletBatch(shell, id, 1);
            var cmdletPath = simulator.State.RequestLog.Last(e => e.Method == "GET" && e.Path.Contains("/webhooks/", StringComparison.Ordinal)).Path;
            if (!string.Equals(cmdletPath, url.AbsolutePath, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"The cmdlet requested {cmdletPath}, the baseline {url.AbsolutePath}: not the same work.");

            var cmdletUs = new List<double>();
            var rawUs = new List<double>();
            var floorUs = new List<double>();
            for (var i = 0; i < plan.CallRepetitions; i++)
            {
                cmdletUs.Add(CmdletBatch(shell, id, plan.CallsPerBatch) * 1000 / plan.CallsPerBatch);
                rawUs.Add(RawBatchAsync(http, url, token, plan.CallsPerBatch).GetAwaiter().GetResult() * 1000 / plan.CallsPerBatch);
                floorUs.Add(FloorBatch(shell, floorHttp, url, plan.CallsPerBatch) * 1000 / plan.CallsPerBatch);
            }
            var c = Program.Median(cmdletUs);
            var r = Program.Median(rawUs);
            var f = Program.Median(floorUs);
            yield return new Row("per call: Get-TableauWebhook -Id", $"{c:0} us/call", $"{r:0} us/call (raw HttpClient GET)", c / r, 1.3,
                $"median of {plan.CallRepetitions} batches of {plan.CallsPerBatch} calls; cmdlet looped in one script, baseline looped in C#");
            yield return new Row("per call vs PowerShell floor", $"{c:0} us/call", $"{f:0} us/call (raw GET + empty cmdlet, PS loop)", c / f, 0,
                "the floor is what any binary cmdlet making this GET pays: the raw GET and one empty-cmdlet invocation in the same PowerShell loop");
        }

        private static double CmdletBatch(HostedPowerShell shell, string id, int n)
        {
            var watch = Stopwatch.StartNew();
            var result = shell.Run(CmdletLoop, id, n);
            watch.Stop();
            Program.Check(result, "Get-TableauWebhook -Id");
            return watch.Elapsed.TotalMilliseconds;
        }

        private static double FloorBatch(HostedPowerShell shell, HttpClient http, Uri url, int n)
        {
            var watch = Stopwatch.StartNew();
            var result = shell.Run(FloorLoop, http, url, n);
            watch.Stop();
            Program.Check(result, "The floor loop");
            return watch.Elapsed.TotalMilliseconds;
        }

        private static async Task<double> RawBatchAsync(HttpClient http, Uri url, string token, int n)
        {
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < n; i++)
            {
                var body = await Raw.GetAsync(http, url, token);
                if (body.Length == 0) throw new InvalidOperationException("Empty body.");
            }
            watch.Stop();
            return watch.Elapsed.TotalMilliseconds;
        }
    }

    /// <summary>
    /// New-TableauWebhook of N rows then Remove-TableauWebhook of what it made (2N requests), with the simulator adding
    /// 20 ms to every request: sequential and -ThrottleLimit 8, vs the ideal 2N × latency / concurrency.
    /// </summary>
    internal static class BulkBenchmark
    {
        private const string MakeRows =
            "$global:BenchRows = foreach ($i in 1..$args[0]) { [pscustomobject]@{ Name = \"bench-$i\"; Event = 'DatasourceRefreshFailed'; DestinationUrl = \"https://hooks.example.com/bench-$i\" } }";

        private const string CreateThenDelete =
            "$made = $global:BenchRows | New-TableauWebhook -ThrottleLimit $args[0]; $made | Remove-TableauWebhook -ThrottleLimit $args[0] -Confirm:$false; @($made).Count";

        public static IEnumerable<Row> Run(Plan plan, SimulatorHost simulator, HostedPowerShell shell)
        {
            var siteId = simulator.State.Sites.Single(s => s.ContentUrl.Length == 0).Id;
            var before = simulator.State.WebhooksForSite(siteId).Count;
            simulator.SetFaults(new FaultOptions { Latency = plan.Latency });
            try
            {
                // Warm-up: both paths JIT-compiled, connections open.
                Once(shell, simulator, siteId, before, plan.Throttle, Math.Min(50, plan.BulkCount));
                Once(shell, simulator, siteId, before, 1, Math.Min(10, plan.BulkCount));

                foreach (var (limit, reps) in new[] { (1, plan.SequentialRepetitions), (plan.Throttle, plan.BulkRepetitions) })
                {
                    var seconds = new List<double>();
                    var peak = 0;
                    for (var i = 0; i < reps; i++)
                    {
                        simulator.State.Concurrency.ResetPeak();
                        seconds.Add(Once(shell, simulator, siteId, before, limit, plan.BulkCount));
                        peak = Math.Max(peak, simulator.State.Concurrency.Peak);
                    }
                    var measured = Program.Median(seconds);
                    var requests = 2 * plan.BulkCount;
                    var ideal = requests * plan.Latency.TotalSeconds / limit;
                    yield return new Row(
                        limit == 1 ? $"bulk: create+delete {plan.BulkCount}, sequential" : $"bulk: create+delete {plan.BulkCount}, -ThrottleLimit {limit}",
                        $"{measured:0.00} s", $"{ideal:0.00} s (ideal {requests} x {plan.Latency.TotalMilliseconds:0} ms / {limit})", measured / ideal,
                        limit == 1 ? 0 : 1.25,
                        $"median of {reps}; {plan.Latency.TotalMilliseconds:0} ms injected latency; peak requests in flight at the simulator {peak}");
                }
            }
            finally
            {
                simulator.ClearFaults();
            }
        }

        private static double Once(HostedPowerShell shell, SimulatorHost simulator, string siteId, int before, int limit, int expected)
        {
            var rows = shell.Run("@($global:BenchRows).Count").Output.Select(o => Convert.ToInt32(o.BaseObject)).Single();
            if (rows != expected) Program.Check(shell.Run(MakeRows, expected), "Making rows");
            var watch = Stopwatch.StartNew();
            var result = shell.Run(CreateThenDelete, limit);
            watch.Stop();
            Program.Check(result, $"Create then delete with -ThrottleLimit {limit}");
            var made = (int)result.Output.Single().BaseObject;
            var left = simulator.State.WebhooksForSite(siteId).Count;
            if (made != expected || left != before)
                throw new InvalidOperationException($"Expected {expected} webhooks made and all removed; made {made}, {left - before} left over.");
            return watch.Elapsed.TotalSeconds;
        }
    }

    /// <summary>
    /// $all = Get-TableauWebhook over 10,000 webhooks: managed memory still held afterwards (full GC before and after,
    /// the result kept in a variable) vs the size of the JSON list response.
    /// </summary>
    internal static class MemoryBenchmark
    {
        public static Row Run(Plan plan, SimulatorHost simulator, HostedPowerShell shell)
        {
            simulator.ClearFaults();
            var siteId = simulator.State.Sites.Single(s => s.ContentUrl.Length == 0).Id;
            var existing = simulator.State.WebhooksForSite(siteId).Count;
            simulator.State.SeedWebhooks(plan.ListCount - existing, namePrefix: "listed-");
            var apiVersion = shell.Run("(Get-TableauSession | Where-Object IsDefault).ApiVersion.ToString()").Output.Single().ToString();

            using var http = new HttpClient();
            var (token, rawSiteId) = Raw.SignInAsync(http, simulator, apiVersion).GetAwaiter().GetResult();
            var list = new Uri(simulator.BaseUrl, $"api/{apiVersion}/sites/{rawSiteId}/webhooks");
            var responseBytes = Encoding.UTF8.GetByteCount(Raw.GetAsync(http, list, token).GetAwaiter().GetResult());

            // Warm-up: code paths compiled, per-type caches (PowerShell's adapters, formatting) filled.
            Program.Check(shell.Run("$global:all = Get-TableauWebhook; $global:all = $null"), "Get-TableauWebhook");
            var growth = new List<double>();
            for (var i = 0; i < plan.MemoryRepetitions; i++)
            {
                var before = GC.GetTotalMemory(forceFullCollection: true);
                var result = shell.Run("$global:all = Get-TableauWebhook; $global:all.Count");
                var after = GC.GetTotalMemory(forceFullCollection: true);
                Program.Check(result, "Get-TableauWebhook");
                var count = Convert.ToInt32(result.Output.Single().BaseObject);
                if (count != plan.ListCount) throw new InvalidOperationException($"Listed {count} webhooks, expected {plan.ListCount}.");
                growth.Add(after - before);
                Program.Check(shell.Run("$global:all = $null"), "Releasing the list");
            }
            var g = Program.Median(growth);
            return new Row($"memory: list {plan.ListCount} webhooks", $"{g / 1048576:0.00} MiB held", $"{responseBytes / 1048576.0:0.00} MiB JSON response",
                g / responseBytes, 3.0, $"median of {plan.MemoryRepetitions}; GC.GetTotalMemory(true) before and after $all = Get-TableauWebhook, result held");
        }
    }

    /// <summary>The baseline client: plain HttpClient, the same headers the module sends.</summary>
    internal static class Raw
    {
        public static async Task<(string Token, string SiteId)> SignInAsync(HttpClient http, SimulatorHost simulator, string apiVersion)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(simulator.BaseUrl, $"api/{apiVersion}/auth/signin"))
            {
                Content = new StringContent("{\"credentials\":{\"name\":\"admin\",\"password\":\"admin\",\"site\":{\"contentUrl\":\"\"}}}", Encoding.UTF8, "application/json"),
            };
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Raw sign-in failed: {(int)response.StatusCode} {text}");
            using var doc = JsonDocument.Parse(text);
            var credentials = doc.RootElement.GetProperty("credentials");
            return (credentials.GetProperty("token").GetString()!, credentials.GetProperty("site").GetProperty("id").GetString()!);
        }

        public static async Task<string> GetAsync(HttpClient http, Uri url, string token)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.TryAddWithoutValidation("X-Tableau-Auth", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            using var response = await http.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {url.AbsolutePath}: {(int)response.StatusCode} {body}");
            return body;
        }
    }
}
