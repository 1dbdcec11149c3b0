using System;
using System.Linq;
using System.Management.Automation;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// A server below REST API 3.8 has no Update Webhook: a change is skipped, or with -Recreate made anew. -Recreate
    /// promises the new webhook first and the old one removed after, so that a failure part-way leaves two webhooks by
    /// that name (which the next run reports), never none; the tests make each of the two requests fail in turn.
    /// </summary>
    public sealed class SyncOnOldServerTests : ModuleScope
    {
        private const string HookDocument =
            "$global:doc = '{ \"formatVersion\": 1, \"webhooks\": [ { \"Site\": \"\", \"Name\": \"hook\", \"Event\": \"WorkbookCreated\", \"DestinationUrl\": \"' + $Receiver + 'new\", \"Enabled\": true } ] }'";

        protected override SimulatorOptions CreateOptions()
        {
            var options = base.CreateOptions();
            options.ProductVersion = "2020.1"; // REST API 3.7
            return options;
        }

        /// <summary>
        /// Makes 'hook' at .../old, then syncs it to .../new with -Recreate while the server refuses (503) the next request
        /// of that method, signed in without retries so that the refusal is the request's answer. Returns the old
        /// webhook's id and the webhook changes the run sent ("POST 201"), sorted: which was sent first shows in what is
        /// left on the server, not in the log, whose entries are written once their answers are sent.
        /// </summary>
        private (string OldId, string[] Sent) RecreateWhileRefusing(string method, string pathContains)
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -MaximumRetryCount 0").AssertSucceeded();
            Run(HookDocument).AssertSucceeded();
            var old = Run("New-TableauWebhook -Name hook -Event WorkbookCreated -DestinationUrl ($Receiver + 'old')").AssertSucceeded()
                .Output.Single().Property<Guid>("Id").ToString();
            var start = Simulator.State.RequestLog.Count;
            Simulator.EnqueueFault(FaultKind.ServiceUnavailable, method, pathContains);

            var result = Run("$doc | Sync-TableauWebhook -Recreate");

            Assert.Equal("Recreate:Failed", ActionAndOutcome(result.Output.Single()));
            Assert.Single(result.Errors);
            var sent = Simulator.State.RequestLog.Skip(start).Where(r => r.Path.Contains("/webhooks") && r.Method != "GET")
                .Select(r => $"{r.Method} {r.StatusCode}").OrderBy(r => r, StringComparer.Ordinal).ToArray();
            return (old, sent);
        }

        private static string ActionAndOutcome(PSObject result) => $"{result.Property<object>("Action")}:{result.Property<object>("Outcome")}";

        [Fact]
        public void A_change_is_Skipped_with_a_warning_unless_Recreate_makes_it_anew_before_removing_the_old()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var old = Run("New-TableauWebhook -Name hook -Event WorkbookCreated -DestinationUrl ($Receiver + 'old')").AssertSucceeded().Output.Single().Property<Guid>("Id");
            Run(HookDocument).AssertSucceeded();

            var skipped = Run("$doc | Sync-TableauWebhook").AssertSucceeded();
            Assert.Equal("Skipped", skipped.Output.Single().Property<object>("Action").ToString());
            Assert.Contains("REST API 3.7 cannot update webhooks", Assert.Single(skipped.Warnings));
            Assert.Contains("-Recreate", skipped.Warnings.Single());
            Assert.Equal(old.ToString(), Simulator.State.WebhooksForSite("").Single().Id);

            var recreated = Run("$doc | Sync-TableauWebhook -Recreate").AssertSucceeded().Output.Single();
            Assert.Equal("Recreate", recreated.Property<object>("Action").ToString());
            var now = Simulator.State.WebhooksForSite("").Single();
            Assert.Equal((ReceiverUrl + "new", now.Id), (now.Url, recreated.Property<Guid?>("Id").ToString()));
            Assert.NotEqual(old.ToString(), now.Id);
        }

        // Kills a Recreate that removes the old webhook before creating the new one: the DELETE would be sent, and the
        // refused create would leave the site with no webhook by that name.
        [Fact]
        public void Recreate_creates_first_so_a_refused_create_keeps_the_old_webhook_and_removes_nothing()
        {
            var (old, sent) = RecreateWhileRefusing("POST", "/webhooks");

            Assert.Equal(new[] { "POST 503" }, sent);
            var kept = Simulator.State.WebhooksForSite("").Single();
            Assert.Equal((old, ReceiverUrl + "old"), (kept.Id, kept.Url));
        }

        // Kills the same reversal from the other side: with the old webhook's removal refused, a create sent first has
        // already made the new one, so two are left and the next run says so; removing first would have left only the old.
        [Fact]
        public void Recreate_creates_first_so_a_refused_removal_leaves_both_for_the_next_run_to_report()
        {
            var (old, sent) = RecreateWhileRefusing("DELETE", "/webhooks/");

            Assert.Equal(new[] { "DELETE 503", "POST 201" }, sent);
            var both = Simulator.State.WebhooksForSite("").Where(w => w.Name == "hook").OrderBy(w => w.Id == old ? 0 : 1).ToList();
            Assert.Equal(new[] { ReceiverUrl + "old", ReceiverUrl + "new" }, both.Select(w => w.Url));

            var next = Run("$doc | Sync-TableauWebhook -Recreate");
            Assert.Equal("AmbiguousWebhookName", next.Errors.Single().FullyQualifiedErrorId.Split(',')[0]);
            Assert.Equal("Skipped:None", ActionAndOutcome(next.Output.Single()));
        }
    }
}
