using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// 1,000 mixed operations through the cmdlets (create, change, disable, enable, test and remove, one at a time and
    /// piped in fives with -ThrottleLimit 8) against a server that fails a share of requests with every kind of fault,
    /// Latency and the clean close of a kept-alive connection included, and expires the session every N requests. Every
    /// operation must be done exactly once: what the script asked for (not what the cmdlets answered) is checked against
    /// the simulator's own state, every fault kind must have been met, and the counts are printed.
    /// </summary>
    public abstract class SoakTests : ModuleScope
    {
        private const int Operations = 1000;
        private readonly ITestOutputHelper _output;

        protected SoakTests(ITestOutputHelper output) => _output = output;

        protected abstract double FaultRate { get; }
        protected abstract int ExpireEveryRequests { get; }
        protected abstract int Seed { get; }
        /// <summary>The least number of times each fault kind must have been injected for the run to prove anything.</summary>
        protected abstract int MinimumPerKind { get; }

        /// <summary>
        /// Every kind, Latency (50 ms) included; ExpireToken comes every ExpireEveryRequests instead. Not RedirectToLogin:
        /// a login page's redirect is not a passing fault but a front end the session cannot get past.
        /// </summary>
        private static readonly List<FaultKind> Kinds = Enum.GetValues<FaultKind>().Where(k => k != FaultKind.ExpireToken && k != FaultKind.RedirectToLogin).ToList();

        protected override SimulatorOptions CreateOptions()
        {
            var options = base.CreateOptions();
            options.Faults = new FaultOptions
            {
                FaultRate = FaultRate,
                Kinds = Kinds,
                LatencyFaultDelay = TimeSpan.FromMilliseconds(50),
                ExpireTokenEveryRequests = ExpireEveryRequests,
                RetryAfterSeconds = 0,
                Seed = Seed,
            };
            return options;
        }

        // $expected holds what the script asked for: id -> name and enabled state the server must end with.
        private const string Script = @"
param($Operations)
$ErrorActionPreference = 'Stop'
# The module's request trace, kept so that a failed run can show what happened to the webhooks it got wrong.
$VerbosePreference = 'Continue'
# Write-Verbose lives in a module the test runspace does not load; an advanced function's own writer does the same.
function Write-Mark { [CmdletBinding()] param([string] $Text) $PSCmdlet.WriteVerbose($Text) }
$random = [System.Random]::new(7)
$expected = @{}
$done = @{ create = 0; update = 0; enable = 0; disable = 0; test = 0; delete = 0 }
$bulk = 0
$failures = [System.Collections.Generic.List[string]]::new()
function Pick([int]$n) {
    $left = [System.Collections.Generic.List[string]]::new([string[]]@($expected.Keys)); $picked = @()
    while ($picked.Count -lt $n -and $left.Count) { $j = $random.Next($left.Count); $picked += $left[$j]; $left.RemoveAt($j) }
    $picked
}
$i = 0
while ($i -lt $Operations) {
    $ids = @($expected.Keys)
    $op = if ($ids.Count -lt 10) { 'create' } else { @('create', 'update', 'enable', 'disable', 'test', 'delete')[$random.Next(6)] }
    # One operation in four is piped in fives with -ThrottleLimit 8, each item an operation of its own.
    $piped = $random.Next(4) -eq 0 -and $op -ne 'update' -and ($Operations - $i) -ge 5
    Write-Mark ""soak: operation #$i $op$(if ($piped) { ' piped' })""
    try {
        if ($piped) {
            $bulk++
            $errs = $null
            switch ($op) {
                'create'  { $rows = foreach ($k in 0..4) { [pscustomobject]@{ Name = ""soak-$($i + $k)""; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + ""soak/$($i + $k)"" } }
                            $made = @($rows | New-TableauWebhook -ThrottleLimit 8 -ErrorAction Continue -ErrorVariable errs)
                            foreach ($k in 0..4) { $w = $made | Where-Object Name -eq ""soak-$($i + $k)""; if ($w) { $expected[$w.Id.ToString()] = @{ Name = ""soak-$($i + $k)""; Enabled = $true } } }
                            $n = $made.Count }
                'enable'  { $p = Pick 5; $p | ForEach-Object { [guid]$_ } | ForEach-Object { [pscustomobject]@{ Id = $_ } } | Enable-TableauWebhook -ThrottleLimit 8 -ErrorAction Continue -ErrorVariable errs
                            $p | ForEach-Object { $expected[$_].Enabled = $true }; $n = $p.Count }
                'disable' { $p = Pick 5; $p | ForEach-Object { [pscustomobject]@{ Id = [guid]$_ } } | Disable-TableauWebhook -Reason ""op $i"" -ThrottleLimit 8 -ErrorAction Continue -ErrorVariable errs
                            $p | ForEach-Object { $expected[$_].Enabled = $false }; $n = $p.Count }
                'test'    { $p = Pick 5; $r = @($p | ForEach-Object { [pscustomobject]@{ Id = [guid]$_ } } | Test-TableauWebhook -ThrottleLimit 8 -ErrorAction Continue -ErrorVariable errs)
                            if (@($r | Where-Object { -not $_.Success }).Count) { throw ""a piped test failed"" }; $n = $r.Count }
                'delete'  { $p = Pick 5; $p | ForEach-Object { [pscustomobject]@{ Id = [guid]$_ } } | Remove-TableauWebhook -ThrottleLimit 8 -ErrorAction Continue -ErrorVariable errs
                            $p | ForEach-Object { $expected.Remove($_) }; $n = $p.Count }
            }
            foreach ($e in @($errs)) { if ($e) { $failures.Add(""piped $op #$i : $($e.FullyQualifiedErrorId) $($e.Exception.Message)"") } }
            # Every piped item writes its result or an error: a create or test that wrote neither was lost by the cmdlet.
            if ($op -in 'create', 'test' -and $n -ne 5 -and -not @($errs).Count) { $failures.Add(""piped $op #$i : $n results of 5 and no error"") }
            $done[$op] += $n
            $i += [Math]::Max($n, 1)
            continue
        }
        $id = $ids[$random.Next($ids.Count)]
        switch ($op) {
            'create'  { $w = New-TableauWebhook -Name ""soak-$i"" -Event WorkbookCreated -DestinationUrl ($Receiver + ""soak/$i"")
                        $expected[$w.Id.ToString()] = @{ Name = ""soak-$i""; Enabled = $true } }
            'update'  { $null = Set-TableauWebhook -Id $id -NewName ""renamed-$i""; $expected[$id].Name = ""renamed-$i"" }
            'enable'  { Enable-TableauWebhook -Id $id; $expected[$id].Enabled = $true }
            'disable' { Disable-TableauWebhook -Id $id -Reason ""op $i""; $expected[$id].Enabled = $false }
            'test'    { $r = Test-TableauWebhook -Id $id; if (-not $r.Success) { throw ""test of $id answered $($r.Status)"" } }
            'delete'  { Remove-TableauWebhook -Id $id; $expected.Remove($id) }
        }
        $done[$op]++
    } catch {
        $failures.Add(""$op #$i : $($_.FullyQualifiedErrorId) $($_.Exception.Message)"")
    }
    $i++
}
[pscustomobject]@{ Expected = $expected; Done = $done; Failures = $failures; Bulk = $bulk }";

        [Fact]
        public void A_thousand_operations_under_faults_are_each_done_exactly_once()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -RetryIntervalSec 0.005 -MaximumRetryCount 8").AssertSucceeded();

            var result = Run(Script, Operations);

            Assert.Null(result.TerminatingError);
            var summary = result.Output.Single();
            var expected = (Hashtable)summary.Property<object>("Expected");
            var done = (Hashtable)summary.Property<object>("Done");
            var bulk = Convert.ToInt32(summary.Property<object>("Bulk"));
            var failures = ((IEnumerable<string>)summary.Property<object>("Failures")).ToList();

            var onServer = Simulator.State.Webhooks;
            var duplicates = onServer.GroupBy(w => w.Name).Count(g => g.Count() > 1);
            var lost = expected.Keys.Cast<string>().Count(id => onServer.All(w => w.Id != id));
            var unexpectedOnes = onServer.Where(w => !expected.ContainsKey(w.Id)).ToList();
            var unexpected = unexpectedOnes.Count;
            var wrongState = expected.Keys.Cast<string>().Count(id =>
            {
                var want = (Hashtable)expected[id]!;
                var have = onServer.FirstOrDefault(w => w.Id == id);
                return have != null && (have.Name != (string)want["Name"]! || have.IsEnabled != (bool)want["Enabled"]!);
            });
            var completed = done.Values.Cast<int>().Sum();
            var perKind = Simulator.State.RequestLog.Where(e => e.Fault != null).GroupBy(e => e.Fault!).ToDictionary(g => g.Key, g => g.Count());

            var report = $"soak at {FaultRate:P0} faults, session expiring every {ExpireEveryRequests} requests: {Operations} operations, {completed} completed " +
                         $"({string.Join(", ", done.Keys.Cast<string>().OrderBy(k => k).Select(k => $"{k} {done[k]}"))}; {bulk} piped runs of five with -ThrottleLimit 8); " +
                         $"{Simulator.State.FaultsInjected} faults over {Simulator.State.RequestLog.Count} requests " +
                         $"({string.Join(", ", perKind.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value}"))}); " +
                         $"{onServer.Count} webhooks left, {expected.Count} expected; " +
                         $"{duplicates} duplicates, {lost} lost, {unexpected} unexpected, {wrongState} in the wrong state, " +
                         $"{failures.Count} failed operations, {result.Errors.Count} unhandled errors" +
                         (unexpected == 0 ? "" : $"; unexpected: {string.Join(", ", unexpectedOnes.Select(w => $"{w.Name} ({w.Id})"))}");
            _output.WriteLine(report);
            WriteReport(report);
            if (unexpected > 0) WriteDiagnosis(unexpectedOnes.Select(w => (w.Name, w.Id)), result.Verbose);

            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
            Assert.Equal(Operations, completed);
            Assert.Empty(result.Errors);
            Assert.Equal(0, duplicates);
            Assert.Equal(0, lost);
            Assert.Equal(0, unexpected);
            Assert.Equal(0, wrongState);
            Assert.True(bulk >= 20, $"only {bulk} piped runs");
            foreach (var kind in Kinds.Select(k => k.ToString()).Append(nameof(FaultKind.ExpireToken)))
            {
                perKind.TryGetValue(kind, out var count);
                Assert.True(count >= MinimumPerKind, $"{kind} was injected {count} times, fewer than {MinimumPerKind}: {report}");
            }
        }

        // CI prints out/test-reports/*.txt after the run, so the counts show in its log.
        private void WriteReport(string report)
        {
            var folder = Path.Combine(ModuleLayout.RepositoryRoot, "out", "test-reports");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, $"soak-{FaultRate * 100:0}-percent.txt"), report + Environment.NewLine);
        }

        /// <summary>
        /// For each webhook left on the server that the script did not expect: the whole trace of every operation that
        /// names it, and the simulator's log of requests to its id, so that a failure seen once in CI can be explained.
        /// </summary>
        private void WriteDiagnosis(IEnumerable<(string Name, string Id)> webhooks, IReadOnlyList<string> trace)
        {
            // The trace cut into operations at the script's "soak: operation #i" markers.
            var operations = new List<List<string>> { new List<string>() };
            foreach (var line in trace)
            {
                if (line.StartsWith("soak: ", StringComparison.Ordinal)) operations.Add(new List<string>());
                operations[^1].Add(line);
            }
            var lines = new List<string>();
            foreach (var (name, id) in webhooks)
            {
                lines.Add($"== {name} ({id})");
                foreach (var operation in operations.Where(o => o.Any(l => l.Contains(id, StringComparison.OrdinalIgnoreCase) || l.Contains($"'{name}'", StringComparison.Ordinal))))
                    lines.AddRange(operation.Select(l => "  " + l));
                lines.AddRange(Simulator.State.RequestLog.Where(e => e.Path.Contains(id, StringComparison.OrdinalIgnoreCase))
                    .Select(e => $"  simulator {e.Time:HH:mm:ss.fff} {e.Method} {e.Path} -> {e.StatusCode}{(e.Fault == null ? "" : " fault " + e.Fault)}"));
            }
            var folder = Path.Combine(ModuleLayout.RepositoryRoot, "out", "test-reports");
            File.AppendAllLines(Path.Combine(folder, $"soak-{FaultRate * 100:0}-percent.txt"), lines);
            foreach (var line in lines) _output.WriteLine(line);
        }
    }

    /// <summary>10% of requests faulted, the session expiring every 100 requests.</summary>
    public sealed class SoakAtTenPercentTests : SoakTests
    {
        public SoakAtTenPercentTests(ITestOutputHelper output) : base(output) { }

        protected override double FaultRate => 0.10;
        protected override int ExpireEveryRequests => 100;
        protected override int Seed => 20261123;
        protected override int MinimumPerKind => 3;
    }

    /// <summary>20% of requests faulted, the session expiring every 20 requests.</summary>
    public sealed class SoakAtTwentyPercentTests : SoakTests
    {
        public SoakAtTwentyPercentTests(ITestOutputHelper output) : base(output) { }

        protected override double FaultRate => 0.20;
        protected override int ExpireEveryRequests => 20;
        protected override int Seed => 20261201;
        protected override int MinimumPerKind => 8;
    }
}
