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
    /// The module's costs against their baselines, each pair measured in this one run against the in-process
    /// simulator: import vs an empty binary module (as whole pwsh processes, and into fresh runspaces here), one Get-TableauWebhook -Id vs a raw HttpClient GET, bulk create +
    /// delete vs N × latency / concurrency, the managed memory a 10,000-webhook list keeps vs its JSON size, and a sync of
    /// 1,000 webhooks on 10 sites vs (reads + changes) × latency / concurrency.
    /// Exit code 0 whatever the ratios (it reports); 1 only when the harness itself fails.
    /// </summary>
    internal static class Program
    {
        // Synchronous on purpose: like pwsh's own, the thread that runs PowerShell here is not a thread-pool thread, so a
        // cmdlet blocking its pipeline thread does not take a pool thread from the HTTP stack and the simulator.
        private static int Main(string[] args)
        {
            // The receiver row's attackers, in a process of their own (ReceiverBenchmark starts it): --slowloris <port> <count>.
            if (args.Length == 3 && args[0] == "--slowloris") return ReceiverBenchmark.Slowloris(int.Parse(args[1]), int.Parse(args[2]));
            var quick = args.Any(a => a is "--quick" or "-quick" or "quick");
            var plan = quick ? Plan.Quick : Plan.Full;
            // --only pwsh-import|import|per-call|bulk|memory|sync|receiver (repeatable): just those measurements, e.g. while tuning one of them.
            var only = args.SkipWhile(a => a != "--only").Skip(1).TakeWhile(a => !a.StartsWith("-", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
            bool Selected(string name) => only.Count == 0 || only.Contains(name);
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

                    void Take(IEnumerable<Row> measured)
                    {
                        foreach (var row in measured)
                        {
                            rows.Add(row);
                            Report(row);
                        }
                    }
                    if (Selected("pwsh-import")) Take(PwshImportBenchmark.Run(plan));
                    if (Selected("import")) Take(ImportBenchmark.Run(plan));
                    using var shell = Connected(simulator);
                    if (Selected("per-call")) Take(PerCallBenchmark.Run(plan, simulator, shell));
                    if (Selected("bulk")) Take(BulkBenchmark.Run(plan, simulator, shell));
                    if (Selected("memory")) Take(new[] { MemoryBenchmark.Run(plan, simulator, shell) });
                    // On its own simulator: it needs 10 sites, and resets the server between runs.
                    if (Selected("sync")) Take(new[] { SyncBenchmark.Run(plan) });
                    if (Selected("receiver")) Take(ReceiverBenchmark.Run(plan, simulator));
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
            SignIn(shell, simulator);
            return shell;
        }

        /// <summary>Connect-TableauServer as admin with a password: the shell's new default session.</summary>
        internal static void SignIn(HostedPowerShell shell, SimulatorHost simulator)
        {
            var password = new NetworkCredential("", "admin").SecurePassword;
            var result = shell.Run("Connect-TableauServer -Server $args[0] -Credential $args[1] -ErrorAction Stop",
                simulator.BaseUrl.ToString().TrimEnd('/'), new PSCredential("admin", password));
            Check(result, "Connect-TableauServer");
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
            PwshImportRepetitions = 15, ImportWarmups = 3, ImportRepetitions = 15,
            CallsPerBatch = 2000, CallWarmupBatches = 6, CallRepetitions = 9,
            BulkCount = 1000, BulkRepetitions = 3, SequentialRepetitions = 3,
            ListCount = 10000, MemoryRepetitions = 7,
            SyncSites = 10, SyncWebhooksPerSite = 100, SyncWarmups = 30, SyncRepetitions = 9,
            ReceiverSlowConnections = 800, ReceiverSeconds = 30, ReceiverAttackLead = TimeSpan.FromSeconds(3),
        };

        public static readonly Plan Quick = new Plan
        {
            PwshImportRepetitions = 2, ImportWarmups = 1, ImportRepetitions = 3,
            CallsPerBatch = 200, CallWarmupBatches = 2, CallRepetitions = 3,
            BulkCount = 100, BulkRepetitions = 1, SequentialRepetitions = 1,
            ListCount = 1000, MemoryRepetitions = 3,
            SyncSites = 5, SyncWebhooksPerSite = 20, SyncWarmups = 1, SyncRepetitions = 1,
            ReceiverSlowConnections = 50, ReceiverSeconds = 2, ReceiverAttackLead = TimeSpan.FromSeconds(0.5),
        };

        public int PwshImportRepetitions { get; private init; }
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
        /// <summary>Sites the sync row spreads its webhooks over: Default, finance, then site-03, site-04, ...</summary>
        public int SyncSites { get; private init; }
        public int SyncWebhooksPerSite { get; private init; }
        public int SyncWarmups { get; private init; }
        public int SyncRepetitions { get; private init; }
        /// <summary>Slowloris connections, and seconds of one real delivery a second, against each receiver.</summary>
        public int ReceiverSlowConnections { get; private init; }
        public int ReceiverSeconds { get; private init; }
        /// <summary>How long the slow connections trickle before the first delivery.</summary>
        public TimeSpan ReceiverAttackLead { get; private init; }
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
    /// imports load both modules' assemblies first and every timed import is a warm one, for both alike. A second,
    /// reported row adds each module's first command.
    /// </summary>
    internal static class ImportBenchmark
    {
        private const string OurFirstCommand = "$null = Get-TableauWebhookEvent -Name DatasourceRefreshFailed";
        private const string EmptyFirstCommand = "$null = Get-Empty";

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
                ImportOnce(ours, OurFirstCommand);
                ImportOnce(empty, EmptyFirstCommand);
            }

            var oursMs = new List<double>();
            var emptyMs = new List<double>();
            var oursFirstMs = new List<double>();
            var emptyFirstMs = new List<double>();
            for (var i = 0; i < plan.ImportRepetitions; i++)
            {
                // Alternate which module goes first, so neither always runs right after the other's garbage.
                if (i % 2 == 0)
                {
                    Add(ImportOnce(ours, OurFirstCommand), oursMs, oursFirstMs);
                    Add(ImportOnce(empty, EmptyFirstCommand), emptyMs, emptyFirstMs);
                }
                else
                {
                    Add(ImportOnce(empty, EmptyFirstCommand), emptyMs, emptyFirstMs);
                    Add(ImportOnce(ours, OurFirstCommand), oursMs, oursFirstMs);
                }
            }
            var o = Program.Median(oursMs);
            var e = Program.Median(emptyMs);
            var of = Program.Median(oursFirstMs);
            var ef = Program.Median(emptyFirstMs);
            // Reported only: the import goal is judged as users pay it, in whole pwsh processes (PwshImportBenchmark); here the
            // format table rebuild the views cost (3-5 ms) is most of the difference.
            yield return new Row("import (fresh runspace, warm process)", $"{o:0.0} ms", $"{e:0.0} ms (empty binary module)", o / e, 0,
                $"median of {plan.ImportRepetitions} imports each, each into a new runspace; assemblies already loaded by {plan.ImportWarmups} warm-up imports of each module (same for both)");
            yield return new Row("import + first command", $"{of:0.0} ms", $"{ef:0.0} ms (empty module + Get-Empty)", of / ef, 0,
                $"the same imports followed by one command in the same runspace (Get-TableauWebhookEvent vs Get-Empty): includes the {of - o - (ef - e):0.0} ms by which this module's first command outlasts the empty one's (its client and dependencies load on first use)");
        }

        private static void Add((double Import, double WithFirstCommand) sample, List<double> imports, List<double> withFirst)
        {
            imports.Add(sample.Import);
            withFirst.Add(sample.WithFirstCommand);
        }

        private static (double Import, double WithFirstCommand) ImportOnce(string manifest, string firstCommand)
        {
            using var shell = HostedPowerShell.Create();
            Program.Check(shell.Run("$null = 1"), "The runspace's first command");
            GC.Collect();
            GC.WaitForPendingFinalizers();
            var watch = Stopwatch.StartNew();
            var result = shell.Run("Import-Module -Name $args[0] -ErrorAction Stop", manifest);
            var import = watch.Elapsed.TotalMilliseconds;
            Program.Check(result, "Import-Module " + manifest);
            var first = shell.Run(firstCommand);
            watch.Stop();
            Program.Check(first, firstCommand);
            return (import, watch.Elapsed.TotalMilliseconds);
        }
    }

    /// <summary>
    /// Get-TableauWebhook -Id looped in a PowerShell script vs the same GET (same URL, X-Tableau-Auth from its own sign-in,
    /// Accept: application/json, body read) made with a raw HttpClient in the same kind of loop: both pay PowerShell's
    /// cost of running one statement per GET, so the ratio is what the cmdlet adds to doing the GET by hand. Reported
    /// beside it: the GET looped in C# (no PowerShell at all), the floor any binary cmdlet pays (the raw GET plus an empty
    /// cmdlet), and both again against a server that waits 2 ms before answering, as a real one over a network takes longer.
    /// </summary>
    internal static class PerCallBenchmark
    {
        private const string CmdletLoop = "$id = $args[0]; foreach ($i in 1..$args[1]) { $null = Get-TableauWebhook -Id $id }";
        private const string RawLoop = "$h = $args[0]; $u = $args[1]; foreach ($i in 1..$args[2]) { $null = $h.GetStringAsync($u).GetAwaiter().GetResult() }";
        private const string FloorLoop =
            "$h = $args[0]; $u = $args[1]; foreach ($i in 1..$args[2]) { $null = $h.GetStringAsync($u).GetAwaiter().GetResult(); $null = Get-Empty }";
        private static readonly TimeSpan ServerLatency = TimeSpan.FromMilliseconds(2);

        public static IEnumerable<Row> Run(Plan plan, SimulatorHost simulator, HostedPowerShell shell)
        {
            simulator.ClearFaults();
            var id = simulator.State.SeedWebhooks(1, namePrefix: "per-call-").Single().Id;
            var apiVersion = shell.Run("(Get-TableauSession | Where-Object IsDefault).ApiVersion.ToString()").Output.Single().ToString()!;
            Program.Check(shell.Run("Import-Module -Name $args[0] -ErrorAction Stop", ImportBenchmark.EmptyManifest), "Import-Module EmptyModule");

            using var http = new HttpClient();
            var (token, siteId) = Raw.SignInAsync(http, simulator, apiVersion).GetAwaiter().GetResult();
            var url = new Uri(simulator.BaseUrl, $"api/{apiVersion}/sites/{siteId}/webhooks/{id}");
            using var scriptHttp = new HttpClient();
            scriptHttp.DefaultRequestHeaders.TryAddWithoutValidation("X-Tableau-Auth", token);
            scriptHttp.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

            var cmdlet = new Measured(() => Script(shell, CmdletLoop, id, plan.CallsPerBatch));
            var rawScript = new Measured(() => Script(shell, RawLoop, scriptHttp, url, plan.CallsPerBatch));
            var floor = new Measured(() => Script(shell, FloorLoop, scriptHttp, url, plan.CallsPerBatch));
            var rawCSharp = new Measured(() => RawBatchAsync(http, url, token, plan.CallsPerBatch).GetAwaiter().GetResult());
            Program.Check(shell.Run(CmdletLoop, id, 1), "Get-TableauWebhook -Id");
            var cmdletPath = simulator.State.RequestLog.Last(e => e.Method == "GET" && e.Path.Contains("/webhooks/", StringComparison.Ordinal)).Path;
            if (!string.Equals(cmdletPath, url.AbsolutePath, StringComparison.OrdinalIgnoreCase))
                throw new InvalidOperationException($"The cmdlet requested {cmdletPath}, the baseline {url.AbsolutePath}: not the same work.");

            // Long warm-up: .NET's tiered JIT and PowerShell's script compilation keep speeding both loops up for the
            // first several thousand calls.
            Measured.Interleaved(plan.CallWarmupBatches, cmdlet, rawScript, floor, rawCSharp);
            foreach (var m in new[] { cmdlet, rawScript, floor, rawCSharp }) m.Samples.Clear();
            Measured.Interleaved(plan.CallRepetitions, cmdlet, rawScript, floor, rawCSharp);

            var c = cmdlet.PerCall(plan.CallsPerBatch);
            var r = rawScript.PerCall(plan.CallsPerBatch);
            var f = floor.PerCall(plan.CallsPerBatch);
            var rc = rawCSharp.PerCall(plan.CallsPerBatch);
            var batches = $"median of {plan.CallRepetitions} batches of {plan.CallsPerBatch} calls after {plan.CallWarmupBatches} warm-up batches";
            yield return new Row("per call: Get-TableauWebhook -Id", $"{c:0} us/call", $"{r:0} us/call (raw HttpClient GET, PS loop)", c / r, 1.3,
                $"{batches}; both looped in a PowerShell script, the raw GET as $client.GetStringAsync($url).GetAwaiter().GetResult()");
            yield return new Row("per call vs raw GET looped in C#", $"{c:0} us/call", $"{rc:0} us/call (raw HttpClient GET, C# loop)", c / rc, 0,
                "no PowerShell in the baseline: the ratio includes PowerShell's own cost of running a command");
            yield return new Row("per call vs PowerShell floor", $"{c:0} us/call", $"{f:0} us/call (raw GET + empty cmdlet, PS loop)", c / f, 0,
                "the floor is what any binary cmdlet making this GET pays: the raw GET and one empty-cmdlet invocation in the same PowerShell loop");

            // The same pair against a server that waits 2 ms before answering (simulator latency), with fewer calls.
            var slowCalls = Math.Max(20, plan.CallsPerBatch / 10);
            simulator.SetFaults(new FaultOptions { Latency = ServerLatency });
            try
            {
                var slowCmdlet = new Measured(() => Script(shell, CmdletLoop, id, slowCalls));
                var slowRaw = new Measured(() => Script(shell, RawLoop, scriptHttp, url, slowCalls));
                Measured.Interleaved(1, slowCmdlet, slowRaw);
                slowCmdlet.Samples.Clear();
                slowRaw.Samples.Clear();
                Measured.Interleaved(plan.CallRepetitions, slowCmdlet, slowRaw);
                var sc = slowCmdlet.PerCall(slowCalls);
                var sr = slowRaw.PerCall(slowCalls);
                yield return new Row($"per call, slower server ({ServerLatency.TotalMilliseconds:0} ms injected)", $"{sc / 1000:0.000} ms/call",
                    $"{sr / 1000:0.000} ms/call (raw HttpClient GET, PS loop)", sc / sr, 0,
                    $"median of {plan.CallRepetitions} batches of {slowCalls} calls; the simulator waits {ServerLatency.TotalMilliseconds:0} ms (at the timer's resolution) before answering, closer to a real server, where the network and Tableau take milliseconds");
            }
            finally
            {
                simulator.ClearFaults();
            }
        }

        private static double Script(HostedPowerShell shell, string script, params object[] arguments)
        {
            var watch = Stopwatch.StartNew();
            var result = shell.Run(script, arguments);
            watch.Stop();
            Program.Check(result, script);
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

    /// <summary>One thing timed repeatedly, in milliseconds per batch.</summary>
    internal sealed class Measured
    {
        private readonly Func<double> _batch;

        public Measured(Func<double> batch) => _batch = batch;

        public List<double> Samples { get; } = new List<double>();

        public double PerCall(int calls) => Program.Median(Samples) * 1000 / calls;

        /// <summary>Each round runs every measurement once, starting one later each round, so drift in the machine's speed spreads evenly.</summary>
        public static void Interleaved(int rounds, params Measured[] measurements)
        {
            for (var round = 0; round < rounds; round++)
                for (var k = 0; k < measurements.Length; k++)
                {
                    var m = measurements[(round + k) % measurements.Length];
                    m.Samples.Add(m._batch());
                }
        }
    }

    /// <summary>
    /// New-TableauWebhook of N rows then Remove-TableauWebhook of what it made (2N requests, and the one list of the site
    /// New-TableauWebhook reads for its duplicate-name check), with the simulator adding 20 ms to every request:
    /// sequential and -ThrottleLimit 8, vs the ideal (2N / concurrency + 1) × latency.
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
                    // The list is read once, before the first create, alone.
                    var ideal = (requests / (double)limit + 1) * plan.Latency.TotalSeconds;
                    yield return new Row(
                        limit == 1 ? $"bulk: create+delete {plan.BulkCount}, sequential" : $"bulk: create+delete {plan.BulkCount}, -ThrottleLimit {limit}",
                        $"{measured:0.00} s", $"{ideal:0.00} s (ideal ({requests} / {limit} + 1) x {plan.Latency.TotalMilliseconds:0} ms)", measured / ideal,
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

            // Warm-up: code paths compiled, per-type caches (PowerShell's adapters, formatting) filled. The in-process
            // simulator rents its response buffer from the shared ArrayPool, which keeps it: whether a list finds a pooled
            // buffer or adds one depends on the thread it runs on, so single samples jump by about the response's size.
            // Two warm-ups fill the pool and the median of several samples takes the usual case.
            for (var i = 0; i < 2; i++)
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
