using System;
using System.Collections;
using System.IO;
using System.Linq;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// 1,000 mixed operations through the cmdlets against a server that fails 10% of requests with every kind of fault
    /// and expires the session every 100 requests. Every operation must complete, nothing may be duplicated or lost.
    /// </summary>
    public sealed class SoakTests : ModuleScope
    {
        private const int Operations = 1000;
        private readonly ITestOutputHelper _output;

        public SoakTests(ITestOutputHelper output) => _output = output;

        protected override SimulatorOptions CreateOptions()
        {
            var options = SimulatorOptions.CreateDefault();
            options.Faults = new FaultOptions
            {
                FaultRate = 0.10,
                Kinds = Enum.GetValues<FaultKind>().Where(k => k != FaultKind.Latency && k != FaultKind.ExpireToken).ToList(),
                ExpireTokenEveryRequests = 100,
                RetryAfterSeconds = 0,
                Seed = 20261123,
            };
            return options;
        }

        private const string Script = @"
param($Operations)
$ErrorActionPreference = 'Stop'
$random = [System.Random]::new(7)
$expected = @{}            # id -> state the server must end with
$done = @{ create = 0; update = 0; enable = 0; disable = 0; test = 0; delete = 0 }
$failures = [System.Collections.Generic.List[string]]::new()
for ($i = 0; $i -lt $Operations; $i++) {
    $ids = @($expected.Keys)
    $op = if ($ids.Count -lt 10) { 'create' } else { @('create', 'update', 'enable', 'disable', 'test', 'delete')[$random.Next(6)] }
    $id = if ($ids.Count) { $ids[$random.Next($ids.Count)] } else { $null }
    try {
        switch ($op) {
            'create'  { $w = New-TableauWebhook -Name ""soak-$i"" -Event WorkbookCreated -DestinationUrl ($Receiver + ""soak/$i"")
                        $expected[$w.Id.ToString()] = @{ Name = $w.Name; Enabled = $true } }
            'update'  { $w = Set-TableauWebhook -Id $id -Name ""renamed-$i""; $expected[$id].Name = $w.Name }
            'enable'  { Enable-TableauWebhook -Id $id; $expected[$id].Enabled = $true }
            'disable' { Disable-TableauWebhook -Id $id -Reason ""op $i""; $expected[$id].Enabled = $false }
            'test'    { $r = Test-TableauWebhook -Id $id; if (-not $r.Success) { throw ""test of $id answered $($r.Status)"" } }
            'delete'  { Remove-TableauWebhook -Id $id; $expected.Remove($id) }
        }
        $done[$op]++
    } catch {
        $failures.Add(""$op #$i : $($_.FullyQualifiedErrorId) $($_.Exception.Message)"")
    }
}
[pscustomobject]@{ Expected = $expected; Done = $done; Failures = $failures }";

        [Fact]
        public void A_thousand_operations_under_faults_complete_with_nothing_duplicated_or_lost()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -RetryIntervalSec 0.005 -MaximumRetryCount 6").AssertSucceeded();

            var result = Run(Script, Operations);

            Assert.Null(result.TerminatingError);
            var summary = result.Output.Single();
            var expected = (Hashtable)summary.Property<object>("Expected");
            var done = (Hashtable)summary.Property<object>("Done");
            var failures = ((System.Collections.Generic.IEnumerable<string>)summary.Property<object>("Failures")).ToList();

            var onServer = Simulator.State.Webhooks;
            var duplicates = onServer.GroupBy(w => w.Url).Count(g => g.Count() > 1);
            var lost = expected.Keys.Cast<string>().Count(id => onServer.All(w => w.Id != id));
            var unexpected = onServer.Count(w => !expected.ContainsKey(w.Id));
            var wrongState = expected.Keys.Cast<string>().Count(id =>
            {
                var want = (Hashtable)expected[id]!;
                var have = onServer.FirstOrDefault(w => w.Id == id);
                return have != null && (have.Name != (string)want["Name"]! || have.IsEnabled != (bool)want["Enabled"]!);
            });
            var completed = done.Values.Cast<int>().Sum();

            var report = $"soak: {Operations} operations, {completed} completed ({string.Join(", ", done.Keys.Cast<string>().OrderBy(k => k).Select(k => $"{k} {done[k]}"))}); " +
                         $"{Simulator.State.FaultsInjected} faults injected over {Simulator.State.RequestLog.Count} requests; " +
                         $"{duplicates} duplicates, {lost} lost, {unexpected} unexpected, {wrongState} in the wrong state, " +
                         $"{failures.Count} failed operations, {result.Errors.Count} unhandled errors";
            _output.WriteLine(report);
            WriteReport(report);

            Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures.Take(10)));
            Assert.Equal(Operations, completed);
            Assert.Empty(result.Errors);
            Assert.Equal(0, duplicates);
            Assert.Equal(0, lost);
            Assert.Equal(0, unexpected);
            Assert.Equal(0, wrongState);
            Assert.True(Simulator.State.FaultsInjected >= Operations / 10, "too few faults to prove anything");
        }

        // CI prints out/test-reports/*.txt after the run, so the counts show in its log.
        private static void WriteReport(string report)
        {
            var folder = Path.Combine(ModuleLayout.RepositoryRoot, "out", "test-reports");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, "soak.txt"), report + Environment.NewLine);
        }
    }
}
