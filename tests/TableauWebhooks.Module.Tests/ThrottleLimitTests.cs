using System;
using System.Linq;
using System.Management.Automation;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// -ThrottleLimit: piped input goes out concurrently up to the limit and no further, output keeps input order, each
    /// failure is its own error record, Ctrl+C stops everything in flight. Concurrency is proven by the simulator's
    /// gauge of requests in flight: never above the limit, and at least two at once. How close to the limit it gets
    /// depends on how busy the machine is, so that is not asserted.
    /// </summary>
    public sealed class ThrottleLimitTests : ModuleScope
    {
        protected override SimulatorOptions CreateOptions()
        {
            var options = SimulatorOptions.CreateDefault();
            // Long enough that requests sent together overlap at the server.
            options.Faults = new FaultOptions { Latency = TimeSpan.FromMilliseconds(150) };
            return options;
        }

        private const string Rows = "$rows = 1..12 | ForEach-Object { [pscustomobject]@{ Name = 'bulk-{0:d2}' -f $_; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + \"bulk/$_\" } }";

        [Fact]
        public void Creates_run_concurrently_up_to_the_limit_and_come_back_in_input_order()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.State.Concurrency.ResetPeak();

            var created = Run(Rows + "; $rows | New-TableauWebhook -ThrottleLimit 4").AssertSucceeded().Output;

            Assert.InRange(Simulator.State.Concurrency.Peak, 2, 4); // never above the limit, and really concurrent
            Assert.Equal(Enumerable.Range(1, 12).Select(i => $"bulk-{i:d2}"), created.Select(w => w.Property<string>("Name")));
            Assert.Equal(12, Simulator.State.Webhooks.Count);
        }

        [Fact]
        public void Without_ThrottleLimit_records_go_one_at_a_time()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.State.Concurrency.ResetPeak();

            Run(Rows + "; $rows[0..3] | New-TableauWebhook | Out-Null").AssertSucceeded();

            Assert.Equal(1, Simulator.State.Concurrency.Peak);
        }

        [Fact]
        public void Every_change_cmdlet_fans_out_and_reports_each_failure_separately()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run(Rows + "; $rows | New-TableauWebhook -ThrottleLimit 8 | Out-Null").AssertSucceeded();
            var missing = Guid.NewGuid();
            Simulator.State.Concurrency.ResetPeak();

            var result = Run(@"
$ids = @((Get-TableauWebhook).Id)
$ids = @($ids[0..4]) + $args[0] + @($ids[5..11])
$ids | ForEach-Object { [pscustomobject]@{ Id = $_ } } | Disable-TableauWebhook -ThrottleLimit 6 -PassThru", missing);

            Assert.InRange(Simulator.State.Concurrency.Peak, 2, 6); // never above the limit, and really concurrent
            Assert.Equal(12, result.Output.Count);
            result.AssertSingleError("WebhookNotFound", ErrorCategory.ObjectNotFound, missing);
            Assert.All(Simulator.State.Webhooks, w => Assert.False(w.IsEnabled));

            Simulator.State.Concurrency.ResetPeak();
            var tests = Run("Get-TableauWebhook | Test-TableauWebhook -ThrottleLimit 5").AssertSucceeded().Output;
            Assert.Equal(12, tests.Count);
            Assert.InRange(Simulator.State.Concurrency.Peak, 2, 5); // never above the limit, and really concurrent

            Simulator.State.Concurrency.ResetPeak();
            Run("Get-TableauWebhook | Remove-TableauWebhook -ThrottleLimit 8").AssertSucceeded();
            Assert.InRange(Simulator.State.Concurrency.Peak, 2, 8); // never above the limit, and really concurrent
            Assert.Empty(Simulator.State.Webhooks);
        }

        [Fact]
        public void Ctrl_C_stops_everything_in_flight_at_once_and_says_what_may_exist()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.SetFaults(new FaultOptions { Latency = TimeSpan.FromSeconds(20) });

            // -AllowDuplicateName: no list of the site first, so the stop finds the four creates in flight.
            var (result, stopTook) = Shell.RunAndStop(Rows + "; $rows | New-TableauWebhook -ThrottleLimit 4 -AllowDuplicateName", TimeSpan.FromMilliseconds(700));

            // The requests wait 20 s at the server: a stop that took anywhere near that did not cancel them.
            Assert.True(stopTook < TimeSpan.FromSeconds(5), $"Stop took {stopTook}");
            Assert.Equal(4, result.HostText.Split('\n').Count(l => l.Contains("was interrupted before Tableau answered")));
            Assert.Empty(result.Output);
            Assert.Empty(Simulator.State.Webhooks);
        }

        [Fact]
        public void Ctrl_C_names_every_change_that_finished_behind_one_still_in_flight()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.SetFaults(new FaultOptions());
            // The first create hangs; the next three finish at once but wait behind it, since output keeps input order.
            Simulator.EnqueueFault(FaultKind.Latency, "POST", "/webhooks", TimeSpan.FromSeconds(20));

            var (result, _) = Shell.RunAndStop(Rows + "; $rows[0..3] | New-TableauWebhook -ThrottleLimit 4", TimeSpan.FromMilliseconds(1500));

            var finished = result.HostText.Split('\n').Where(l => l.Contains("had finished")).ToList();
            Assert.Equal(3, finished.Count);
            Assert.Single(result.HostText.Split('\n'), l => l.Contains("was interrupted before Tableau answered"));
            Assert.Empty(result.Output);
            // Every webhook the server holds is named, with its id, in a warning.
            Assert.Equal(3, Simulator.State.Webhooks.Count);
            foreach (var webhook in Simulator.State.Webhooks)
                Assert.Contains(finished, l => l.Contains($"'{webhook.Name}' ({webhook.Id})"));
        }

        [Fact]
        public void A_terminating_error_writes_every_change_that_finished_before_it_ends_the_command()
        {
            // Sessions expire so often that a replay after signing in again is refused: the session can no longer
            // authenticate, which ends the command. When that happens among four concurrent creates depends on how the
            // requests interleave, so the run is repeated (on an emptied server) until one stops part-way.
            const string Script = @"
$rows = 1..20 | ForEach-Object { [pscustomobject]@{ Name = 'stop-{0:d2}' -f $_; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + ""stop/$_"" } }
$written = [System.Collections.Generic.List[object]]::new()
$stoppedBy = $null
try { $rows | New-TableauWebhook -ThrottleLimit 4 -ErrorAction Continue | ForEach-Object { $written.Add($_) } }
catch { $stoppedBy = $_.FullyQualifiedErrorId }
[pscustomobject]@{ Written = @($written | ForEach-Object { $_.Id.ToString() }); StoppedBy = $stoppedBy }";
            for (var run = 1; run <= 10; run++)
            {
                Simulator.State.Reset();
                Simulator.SetFaults(new FaultOptions { ExpireTokenEveryRequests = 3 });
                Run("Connect-AsAdmin").AssertSucceeded();

                var summary = Run(Script).Output.Single();

                var onServer = Simulator.State.Webhooks.Select(w => w.Id).ToList();
                if (summary.Property<string>("StoppedBy") == null || onServer.Count == 0) continue;
                Assert.StartsWith("NotAuthenticated", summary.Property<string>("StoppedBy"));
                var written = ((object[])summary.Property<object>("Written")).Select(o => o.ToString()).ToList();
                Assert.Equal(onServer.OrderBy(i => i), written.OrderBy(i => i));
                return;
            }
            Assert.Fail("Ten runs never stopped part-way: the scenario no longer provokes a terminating error.");
        }
    }
}
