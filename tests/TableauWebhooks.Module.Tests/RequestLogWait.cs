using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using TableauServer.Simulator;
using Xunit.Sdk;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Reading a simulator's request log after a script. The simulator logs a request once it has answered it, so the
    /// entry of the last request a script sent can lag a moment behind the answer the script already read: a count
    /// waits (bounded) until the requests it expects are there, then says how many there are.
    /// </summary>
    internal static class RequestLogWait
    {
        private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

        /// <summary>The logged requests that match, once at least <paramref name="atLeast"/> of them are logged.</summary>
        public static IReadOnlyList<RequestLogEntry> Matching(SimulatorHost simulator, Func<RequestLogEntry, bool> match, int atLeast, string what)
        {
            var deadline = DateTime.UtcNow + Patience;
            while (true)
            {
                var found = simulator.State.RequestLog.Where(match).ToList();
                if (found.Count >= atLeast) return found;
                if (DateTime.UtcNow > deadline)
                    throw new XunitException($"Waited {Patience.TotalSeconds} s for {atLeast} {what} in the simulator's request log; {found.Count} arrived.");
                Thread.Sleep(20);
            }
        }

        /// <summary>Requests to a webhooks path: the list (GET .../webhooks) and every create, read, change and test.</summary>
        public static bool IsWebhookRequest(RequestLogEntry entry) => entry.Path.Contains("/webhooks", StringComparison.Ordinal);

        public static bool IsWebhookList(RequestLogEntry entry) => entry.Method == "GET" && entry.Path.EndsWith("/webhooks", StringComparison.Ordinal);

        /// <summary>A request that creates or changes a webhook or makes Tableau call out: anything on a webhooks path but a read.</summary>
        public static bool IsWebhookChange(RequestLogEntry entry)
            => IsWebhookRequest(entry) && (entry.Method != "GET" || entry.Path.EndsWith("/test", StringComparison.Ordinal));

        /// <summary>A request that acts on an existing webhook: an update, a delete or a test.</summary>
        public static bool ActsOnAWebhook(RequestLogEntry entry) => IsWebhookChange(entry) && entry.Method != "POST";
    }
}
