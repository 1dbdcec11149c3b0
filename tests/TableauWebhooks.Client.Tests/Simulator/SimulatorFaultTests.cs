using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using Xunit;
using static TableauWebhooks.Client.Tests.Simulator.SimulatorSession;

namespace TableauWebhooks.Client.Tests.Simulator
{
    /// <summary>The client against the simulator's fault injection: throttling, gateways, drops, bad bodies, expired tokens.</summary>
    public class SimulatorFaultTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        private static TableauClientOptions FastRetries(SimulatorHost host, ConcurrentQueue<string>? trace = null)
        {
            var options = Options(host);
            options.Timeout = TimeSpan.FromSeconds(5);
            options.RetryBaseDelay = TimeSpan.FromMilliseconds(5);
            options.MaxRetryDelay = TimeSpan.FromMilliseconds(50);
            if (trace != null) options.Trace = trace.Enqueue;
            return options;
        }

        private static int Count(SimulatorHost host, string method, string pathSuffix)
            => host.State.RequestLog.Count(e => e.Method == method && e.Path.TrimEnd('/').EndsWith(pathSuffix, StringComparison.OrdinalIgnoreCase));

        [Theory]
        [InlineData(AnswerFormat.Json, 20260101)]
        [InlineData(AnswerFormat.Xml, 20260102)]
        public async Task Lifecycle_under_random_faults_and_expiring_tokens_ends_in_the_right_state(AnswerFormat answers, int seed)
        {
            await using var host = await StartAsync(answers: answers);
            var trace = new ConcurrentQueue<string>();
            using var client = await TableauRestClient.SignInAsync(FastRetries(host, trace), Credential(host, SignInMethod.Password), None);
            host.SetFaults(new FaultOptions { FaultRate = 0.2, Seed = seed, RetryAfterSeconds = 0, ExpireTokenEveryRequests = 7 });

            var events = new[] { "WorkbookCreated", "webhook-source-event-datasource-refresh-failed", "ViewDeleted", "DatasourceUpdated", "WorkbookDeleted" };
            var created = new List<WebhookInfo>();
            for (var i = 0; i < events.Length; i++)
            {
                created.Add(await client.CreateWebhookAsync(new WebhookCreateRequest
                {
                    Name = "hook " + i, Event = events[i], DestinationUrl = new Uri(host.ReceiverBaseUrl, "faults/" + i).ToString(),
                }, None));
                // No duplicate at any step.
                Assert.Equal(i + 1, (await client.ListWebhooksAsync(None)).Count);
            }
            await client.UpdateWebhookAsync(created[0].Id, new WebhookUpdateRequest { Name = "renamed" }, None);
            await client.UpdateWebhookAsync(created[1].Id, new WebhookUpdateRequest { Enabled = false, StatusChangeReason = "maintenance" }, None);
            Assert.Equal("hook 2", (await client.GetWebhookAsync(created[2].Id, None)).Name);
            Assert.Equal(200, (await client.TestWebhookAsync(created[3].Id, None)).DestinationStatus);
            await client.DeleteWebhookAsync(created[3].Id, None);
            await client.DeleteWebhookAsync(created[4].Id, None);
            var listed = await client.ListWebhooksAsync(None);
            // Sign-out tries twice at most (best effort), so it is not part of what must survive the faults.
            host.ClearFaults();
            await client.SignOutAsync(None);

            var stored = host.State.Webhooks;
            Assert.Equal(new[] { "hook 1", "hook 2", "renamed" }, stored.Select(w => w.Name).OrderBy(n => n));
            Assert.Equal(new[] { "hook 1", "hook 2", "renamed" }, listed.Select(w => w.Name).OrderBy(n => n));
            Assert.Equal(created.Take(3).Select(w => w.Id).OrderBy(id => id), stored.Select(w => w.Id).OrderBy(id => id));
            var disabled = Assert.Single(stored, w => !w.IsEnabled);
            Assert.Equal("hook 1", disabled.Name);
            Assert.Equal("maintenance", disabled.StatusChangeReason);
            Assert.Equal("DatasourceRefreshFailed", disabled.Event);
            Assert.False(client.IsSignedIn);

            // The run really was rough: faults, expired sessions and re-sign-ins happened, and nothing secret was traced.
            Assert.True(host.State.FaultsInjected >= 5, $"only {host.State.FaultsInjected} faults");
            Assert.Contains(host.State.RequestLog, e => e.StatusCode == 401);
            Assert.Contains(trace, l => l.StartsWith("401 -> signed in again as admin"));
            Assert.Contains(trace, l => l.Contains("; retry 1 of 4 in "));
            Assert.DoesNotContain(trace, l => host.State.IssuedTokens.Any(t => l.Contains(t)));
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Create_dropped_after_the_server_acted_makes_exactly_one_webhook(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            var trace = new ConcurrentQueue<string>();
            using var client = await TableauRestClient.SignInAsync(FastRetries(host, trace), Credential(host, SignInMethod.Password), None);
            host.EnqueueFault(FaultKind.DropAfterActing, "POST", "/webhooks");

            var created = await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "once", Event = "webhook-source-event-workbook-created", DestinationUrl = new Uri(host.ReceiverBaseUrl, "once").ToString(),
            }, None);

            var stored = Assert.Single(host.State.Webhooks);
            Assert.Equal(stored.Id, created.Id);
            Assert.Equal("WorkbookCreated", created.Event);
            Assert.Equal(1, Count(host, "POST", "/webhooks"));
            Assert.Contains($"create outcome unknown; found the webhook it made: {stored.Id}", trace);
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Create_dropped_before_the_server_acted_is_created_once_after_checking(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await TableauRestClient.SignInAsync(FastRetries(host), Credential(host, SignInMethod.Password), None);
            host.EnqueueFault(FaultKind.DropBeforeActing, "POST", "/webhooks");

            var created = await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "once", Event = "WorkbookCreated", DestinationUrl = new Uri(host.ReceiverBaseUrl, "once").ToString(),
            }, None);

            Assert.Equal(Assert.Single(host.State.Webhooks).Id, created.Id);
            Assert.Equal(2, Count(host, "POST", "/webhooks"));
            Assert.Equal(1, Count(host, "GET", "/webhooks"));
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Signing_in_elsewhere_with_the_same_token_is_survived(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            var trace = new ConcurrentQueue<string>();
            using var client = await TableauRestClient.SignInAsync(FastRetries(host, trace), Credential(host, SignInMethod.PersonalAccessToken), None);
            await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "before", Event = "WorkbookCreated", DestinationUrl = new Uri(host.ReceiverBaseUrl, "before").ToString(),
            }, None);

            host.SignInElsewhere("admin-pat");

            Assert.Equal("before", Assert.Single(await client.ListWebhooksAsync(None)).Name);
            Assert.Equal(2, Count(host, "POST", "/auth/signin"));
            Assert.Equal(2, host.State.IssuedTokens.Count);
            Assert.Contains(trace, l => l.StartsWith("401 -> signed in again as admin with the stored PersonalAccessToken credential"));
            Assert.True(client.IsSignedIn);
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Expired_jwt_session_is_SessionExpired(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await TableauRestClient.SignInAsync(FastRetries(host), Credential(host, SignInMethod.Jwt), None);
            host.EnqueueFault(FaultKind.ExpireToken, "GET", "/webhooks");

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(None));

            Assert.Equal(TableauErrorKind.Authentication, ex.Kind);
            Assert.Equal("SessionExpired", ex.ErrorId);
            Assert.Contains("cannot be reused to sign in again", ex.Message);
            Assert.Equal(1, Count(host, "POST", "/auth/signin"));
        }

        [Theory]
        [InlineData(AnswerFormat.Json, false)]
        [InlineData(AnswerFormat.Xml, true)]
        public async Task Throttling_and_gateways_are_ridden_out(AnswerFormat answers, bool httpDate)
        {
            await using var host = await StartAsync(answers: answers);
            var trace = new ConcurrentQueue<string>();
            using var client = await TableauRestClient.SignInAsync(FastRetries(host, trace), Credential(host, SignInMethod.Password), None);
            host.SetFaults(new FaultOptions { RetryAfterSeconds = 0, RetryAfterAsHttpDate = httpDate });
            foreach (var kind in new[] { FaultKind.Throttle, FaultKind.ServiceUnavailable, FaultKind.BadGateway, FaultKind.GatewayTimeout })
                host.EnqueueFault(kind, "GET", "/webhooks");
            host.EnqueueFault(FaultKind.DropAfterActing, "DELETE");

            Assert.Empty(await client.ListWebhooksAsync(None));
            Assert.Equal(5, Count(host, "GET", "/webhooks"));

            var hook = await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "gone", Event = "WorkbookCreated", DestinationUrl = new Uri(host.ReceiverBaseUrl, "gone").ToString(),
            }, None);
            await client.DeleteWebhookAsync(hook.Id, None);

            // The first DELETE was carried out and its answer dropped; the retry's 404 means the webhook is gone: done.
            Assert.Empty(host.State.Webhooks);
            var deletes = host.State.RequestLog.Where(e => e.Method == "DELETE").Select(e => (e.StatusCode, e.Fault)).ToArray();
            Assert.Equal(new (int, string?)[] { (0, "DropAfterActing"), (404, null) }, deletes);
            Assert.Contains(trace, l => l.StartsWith("DELETE ", StringComparison.Ordinal) && l.Contains("connection dropped") && l.Contains("retry 1 of"));
            Assert.Contains(trace, l => l.Contains("an earlier attempt's answer was lost, so it deleted the webhook"));
        }
    }
}
