using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;

namespace TableauWebhooks.Benchmarks
{
    /// <summary>
    /// Sync-TableauWebhook -Path -Prune -ThrottleLimit 8 of a document where one webhook in ten differs from the server
    /// (SyncDrift), with the simulator adding 20 ms to every request, vs the ideal (reads + changes) x 20 ms / 8. Reads
    /// (sign-ins to the other sites, the lists) and changes (POST, PUT, DELETE of webhooks) are counted in the simulator's
    /// request log, and the changes must be exactly those the document needs. Its own simulator, because sites are fixed
    /// when a simulator starts; each run starts from a fresh seed and a new session, since a run converges the server.
    /// </summary>
    internal static class SyncBenchmark
    {
        private const string Sync = "Sync-TableauWebhook -Path $args[0] -Prune -ThrottleLimit $args[1] -Confirm:$false";

        public static Row Run(Plan plan)
        {
            var options = SimulatorOptions.CreateDefault();
            for (var n = options.Sites.Count + 1; n <= plan.SyncSites; n++)
                options.Sites.Add(new SimulatedSite { Name = $"Site {n:00}", ContentUrl = $"site-{n:00}" });
            var simulator = SimulatorHost.StartAsync(options).GetAwaiter().GetResult();
            var document = Path.Combine(Path.GetTempPath(), $"tableau-sync-benchmark-{Guid.NewGuid():N}.json");
            // One runspace for every run: a new one per run would leave garbage that a timed run then collects.
            using var shell = HostedPowerShell.WithModule();
            try
            {
                var drift = WriteDocument(plan, simulator, shell, document);
                // Warm-up: much of a sync's code runs once per run, so tiered JIT needs dozens of runs to reach steady state
                // (with 5 the timed runs still paid for background recompilation: medians wandered from 1.2x to 1.35x).
                // The first, cold run is reported beside the figure.
                var cold = Once(plan, simulator, shell, document, drift);
                for (var i = 1; i < plan.SyncWarmups; i++) Once(plan, simulator, shell, document, drift);
                var runs = Enumerable.Range(0, plan.SyncRepetitions).Select(_ => Once(plan, simulator, shell, document, drift)).ToList();
                var median = runs.OrderBy(r => r.Ratio).ElementAt(runs.Count / 2);
                var total = plan.SyncSites * plan.SyncWebhooksPerSite;
                return new Row($"sync: {total} webhooks on {plan.SyncSites} sites, {drift.Changes} changes, -ThrottleLimit {plan.Throttle}",
                    $"{median.Milliseconds:0} ms",
                    $"{median.Ideal:0} ms (ideal ({median.Reads} reads + {median.Changes} changes) x {plan.Latency.TotalMilliseconds:0} ms / {plan.Throttle})",
                    median.Ratio, 1.25,
                    $"median of {plan.SyncRepetitions} runs (from {runs.Min(r => r.Milliseconds):0} to {runs.Max(r => r.Milliseconds):0} ms) after {plan.SyncWarmups} untimed " +
                    $"(the first, cold, took {cold.Milliseconds:0} ms), " +
                    $"each from a fresh seed and a new session; {plan.Latency.TotalMilliseconds:0} ms injected latency; " +
                    $"{drift.Updates} updates, {drift.Creates} creates, {drift.Removals} removals (-Prune) planned and sent; " +
                    $"reads: {median.SignIns} sign-ins + {median.Reads - median.SignIns} lists; peak requests in flight at the simulator {runs.Max(r => r.Peak)}; " +
                    $"a second sync right after each run sent 0 changes ({median.ReadsAgain} reads)");
            }
            finally
            {
                File.Delete(document);
                simulator.DisposeAsync().AsTask().GetAwaiter().GetResult();
            }
        }

        /// <summary>The seeded server's own export, made to differ (SyncDrift), written where the sync reads it.</summary>
        private static SyncDrift WriteDocument(Plan plan, SimulatorHost simulator, HostedPowerShell shell, string document)
        {
            Seed(plan, simulator);
            Program.SignIn(shell, simulator);
            Program.Check(shell.Run("Export-TableauWebhook -AllSites -Path $args[0]", document), "Export-TableauWebhook -AllSites");
            SignOut(shell);
            var drift = SyncDrift.FromExport(File.ReadAllText(document));
            if (drift.OnServer != plan.SyncSites * plan.SyncWebhooksPerSite)
                throw new InvalidOperationException($"The export has {drift.OnServer} webhooks, the server {plan.SyncSites * plan.SyncWebhooksPerSite}.");
            File.WriteAllText(document, drift.Document);
            return drift;
        }

        /// <summary>Back to the simulator's seed (no webhooks, no sessions, an empty log), then the same webhooks on every site.</summary>
        private static void Seed(Plan plan, SimulatorHost simulator)
        {
            simulator.State.Reset();
            foreach (var site in simulator.State.Sites.Take(plan.SyncSites))
                simulator.State.SeedWebhooks(plan.SyncWebhooksPerSite, site.ContentUrl, namePrefix: "sync-");
        }

        private static SyncRun Once(Plan plan, SimulatorHost simulator, HostedPowerShell shell, string document, SyncDrift drift)
        {
            Seed(plan, simulator);
            // A new session: the reset ended the last one, and a first sync's sign-ins to the other sites are part of its cost.
            Program.SignIn(shell, simulator);
            // The setup's garbage (and finalizers closing its sockets) is collected now, not during the timed run.
            GC.Collect();
            GC.WaitForPendingFinalizers();
            simulator.SetFaults(new FaultOptions { Latency = plan.Latency });
            try
            {
                simulator.State.Concurrency.ResetPeak();
                var logged = simulator.State.RequestLog.Count;
                var watch = Stopwatch.StartNew();
                var result = shell.Run(Sync, document, plan.Throttle);
                watch.Stop();
                Program.Check(result, "Sync-TableauWebhook");
                var peak = simulator.State.Concurrency.Peak;
                drift.CheckResults(result.Output);
                var sent = SentRequests.Since(simulator, logged);
                if (sent.Puts != drift.Updates || sent.Posts != drift.Creates || sent.Deletes != drift.Removals)
                    throw new InvalidOperationException($"The sync sent {sent.Puts} PUT, {sent.Posts} POST, {sent.Deletes} DELETE; " +
                                                        $"the document needs {drift.Updates}, {drift.Creates}, {drift.Removals}.");

                // Converged: the same document again finds nothing to change.
                logged = simulator.State.RequestLog.Count;
                var again = shell.Run(Sync, document, plan.Throttle);
                Program.Check(again, "Sync-TableauWebhook, second run");
                var sentAgain = SentRequests.Since(simulator, logged);
                if (sentAgain.Changes != 0 || again.Output.Any(r => r.Properties["Action"].Value.ToString() != "Unchanged"))
                    throw new InvalidOperationException($"A second sync right after sent {sentAgain.Changes} changes; expected none.");

                var ideal = (sent.Reads + sent.Changes) * plan.Latency.TotalMilliseconds / plan.Throttle;
                return new SyncRun(watch.Elapsed.TotalMilliseconds, ideal, sent.Reads, sent.SignIns, sent.Changes, peak, sentAgain.Reads);
            }
            finally
            {
                simulator.ClearFaults();
                SignOut(shell);
            }
        }

        // Signs out of every site and closes the session's connections (a pool per site) now, untimed.
        private static void SignOut(HostedPowerShell shell) => Program.Check(shell.Run("Disconnect-TableauServer"), "Disconnect-TableauServer");

        private sealed record SyncRun(double Milliseconds, double Ideal, int Reads, int SignIns, int Changes, int Peak, int ReadsAgain)
        {
            public double Ratio => Milliseconds / Ideal;
        }

        /// <summary>The requests in the simulator's log after a point, as a sync's cost counts them.</summary>
        private sealed record SentRequests(int Reads, int SignIns, int Posts, int Puts, int Deletes)
        {
            public int Changes => Posts + Puts + Deletes;

            public static SentRequests Since(SimulatorHost simulator, int logged)
            {
                var entries = simulator.State.RequestLog.Skip(logged).ToList();
                var failed = entries.Where(e => e.StatusCode is < 200 or >= 300).ToList();
                if (failed.Count > 0)
                    throw new InvalidOperationException($"{failed.Count} requests failed, e.g. {failed[0].Method} {failed[0].Path} -> {failed[0].StatusCode}.");
                bool OnWebhooks(RequestLogEntry e) => e.Path.Contains("/webhooks", StringComparison.Ordinal);
                int Count(string method) => entries.Count(e => e.Method == method && OnWebhooks(e));
                var posts = Count("POST");
                var puts = Count("PUT");
                var deletes = Count("DELETE");
                // Everything that changes no webhook is a read: sign-ins and lists alike.
                return new SentRequests(entries.Count - posts - puts - deletes,
                    entries.Count(e => e.Path.EndsWith("/auth/signin", StringComparison.OrdinalIgnoreCase)), posts, puts, deletes);
            }
        }
    }
}
