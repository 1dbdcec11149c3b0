using System;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Threading.Tasks;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>Throttling, expired tokens, dropped connections and Ctrl+C, through the cmdlets.</summary>
    public sealed class ResilienceTests : ModuleScope
    {
        private const string FastRetries = "-RetryIntervalSec 0.01";

        [Fact]
        public async Task Ctrl_C_cancels_an_in_flight_create_within_a_second_and_says_it_may_exist()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.EnqueueFault(FaultKind.Latency, "POST", "/webhooks", TimeSpan.FromSeconds(20));

            var (result, stopTook) = Shell.RunAndStop("New-TableauWebhook -Name 'slow' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x')",
                _ => Simulator.State.FaultsInjected == 1, "the create held by the server");

            Assert.True(stopTook < TimeSpan.FromSeconds(1), $"Stop took {stopTook}");
            Assert.Contains("Creating webhook 'slow' was interrupted before Tableau answered: it may exist", result.HostText);
            Assert.Empty(result.Output);
            // The simulator honours the client's abort: the cancelled create was never made. The client gave up first, so
            // the server's record of it comes after: wait for it (only against a hang) before looking at what it made.
            var create = await Simulator.State.WaitForRequestAsync(e => e.Method == "POST" && e.Path.EndsWith("/webhooks"), TimeSpan.FromSeconds(30), "the cancelled create");
            Assert.Equal((0, "Latency"), (create.StatusCode, create.Fault));
            Assert.Empty(Simulator.State.Webhooks);
        }

        [Fact]
        public void A_token_signed_in_elsewhere_is_replaced_by_signing_in_again()
        {
            Run("Connect-TableauServer -Server $Server -PersonalAccessTokenName 'admin-pat' -PersonalAccessTokenSecret (New-TestSecret 'admin-pat-secret')").AssertSucceeded();
            Run("New-TableauWebhook -Name 'before' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x') | Out-Null").AssertSucceeded();
            Simulator.SignInElsewhere("admin-pat");

            var result = Run("Get-TableauWebhook -Verbose").AssertSucceeded();

            Assert.Equal("before", Assert.Single(result.Output).Property<string>("Name"));
            Assert.Contains(result.Verbose, v => v.Contains("signed in again", StringComparison.OrdinalIgnoreCase));
            Assert.Equal(2, Simulator.State.RequestLog.Count(r => r.Path.EndsWith("/auth/signin") && r.StatusCode == 200));
        }

        [Fact]
        public void An_expired_JWT_session_is_a_terminating_error_that_says_to_connect_again()
        {
            Shell.SetVariable("global:Jwt", new NetworkCredential("", ConnectedAppJwt.Create(Simulator.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5))).SecurePassword);
            Run("Connect-TableauServer -Server $Server -Jwt $Jwt").AssertSucceeded();
            Simulator.EnqueueFault(FaultKind.ExpireToken, "GET", "/webhooks");

            var error = Run("Get-TableauWebhook").AssertSingleError("SessionExpired", ErrorCategory.AuthenticationError);
            Assert.Contains("JSON Web Token cannot be reused", error.Exception.Message);
            Assert.Contains("run Connect-TableauServer -Jwt again", error.ErrorDetails!.RecommendedAction);

            // Terminating: it reaches catch even with -ErrorAction SilentlyContinue.
            Simulator.EnqueueFault(FaultKind.ExpireToken, "GET", "/webhooks");
            var outcome = Run("try { Get-TableauWebhook -ErrorAction SilentlyContinue; 'went on' } catch { 'caught' }").Output.Single();
            Assert.Equal("caught", outcome.BaseObject);
        }

        [Fact]
        public void Throttling_is_waited_out_as_Retry_After_asks()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Simulator.SetFaults(new FaultOptions { RetryAfterSeconds = 1 });
            Simulator.EnqueueFault(FaultKind.Throttle, "GET", "/webhooks");

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var result = Run("Get-TableauWebhook -Verbose").AssertSucceeded();
            watch.Stop();

            Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.9), $"waited only {watch.Elapsed}");
            Assert.Contains(result.Verbose, v => v.Contains("429") && v.Contains("Retry-After"));
        }

        [Fact]
        public void A_create_whose_answer_is_lost_is_not_made_twice()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') " + FastRetries).AssertSucceeded();
            Simulator.EnqueueFault(FaultKind.DropAfterActing, "POST", "/webhooks");

            var result = Run("New-TableauWebhook -Name 'once' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x') -Verbose").AssertSucceeded();
            var created = result.Output.Single();

            var stored = Assert.Single(Simulator.State.Webhooks);
            Assert.Equal(stored.Id, created.Property<Guid>("Id").ToString());
            // The fault fired (the create was carried out, its answer dropped) and the module recovered it, not resent it.
            Assert.Equal(new[] { "DropAfterActing" }, Simulator.State.RequestLog.Where(e => e.Method == "POST" && e.Path.EndsWith("/webhooks")).Select(e => e.Fault));
            Assert.Contains(result.Verbose, v => v.Contains($"create outcome unknown; found the webhook it made: {stored.Id}"));
        }

        [Fact]
        public void A_lost_create_beside_an_identical_older_webhook_is_sent_again_not_mistaken_for_it()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') " + FastRetries).AssertSucceeded();
            var older = Simulator.State.SeedWebhooks(1, namePrefix: "same-", createdAt: DateTimeOffset.UtcNow.AddHours(-1)).Single();
            // The request never reaches the server: nothing is created, yet the answer is lost all the same.
            Simulator.EnqueueFault(FaultKind.DropBeforeActing, "POST", "/webhooks");

            // Made on purpose beside the identical older one, so past the duplicate-name check.
            var result = Run("New-TableauWebhook -Name $args[0] -Event $args[1] -DestinationUrl $args[2] -AllowDuplicateName -Verbose", older.Name, older.Event, older.Url).AssertSucceeded();

            var created = result.Output.Single().Property<Guid>("Id").ToString();
            Assert.NotEqual(older.Id, created);
            Assert.Equal(2, Simulator.State.Webhooks.Count);
            Assert.Contains(result.Verbose, v => v.Contains($"the identical webhook {older.Id} existed before this create, so it was not created"));
            Assert.Equal(new[] { "DropBeforeActing", null }, Simulator.State.RequestLog.Where(e => e.Method == "POST" && e.Path.EndsWith("/webhooks")).Select(e => e.Fault));
        }

        [Fact]
        public void A_lost_create_that_was_made_is_found_even_beside_an_identical_older_webhook()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') " + FastRetries).AssertSucceeded();
            var older = Simulator.State.SeedWebhooks(1, namePrefix: "same-", createdAt: DateTimeOffset.UtcNow.AddHours(-1)).Single();
            Simulator.EnqueueFault(FaultKind.DropAfterActing, "POST", "/webhooks");

            // Made on purpose beside the identical older one, so past the duplicate-name check.
            var result = Run("New-TableauWebhook -Name $args[0] -Event $args[1] -DestinationUrl $args[2] -AllowDuplicateName -Verbose", older.Name, older.Event, older.Url).AssertSucceeded();

            var created = result.Output.Single().Property<Guid>("Id").ToString();
            var made = Assert.Single(Simulator.State.Webhooks, w => w.Id != older.Id);
            Assert.Equal(made.Id, created);
            Assert.Contains(result.Verbose, v => v.Contains($"create outcome unknown; found the webhook it made: {made.Id}"));
            Assert.Single(Simulator.State.RequestLog, e => e.Method == "POST" && e.Path.EndsWith("/webhooks"));
        }

        [Fact]
        public void A_delete_whose_answer_is_lost_still_reports_success()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') " + FastRetries).AssertSucceeded();
            Run("New-TableauWebhook -Name 'gone' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x') | Out-Null").AssertSucceeded();
            Simulator.EnqueueFault(FaultKind.DropAfterActing, "DELETE", "/webhooks");

            var result = Run("Get-TableauWebhook | Remove-TableauWebhook -Verbose").AssertSucceeded();

            Assert.Empty(Simulator.State.Webhooks);
            Assert.Equal(new[] { "DropAfterActing", null }, Simulator.State.RequestLog.Where(e => e.Method == "DELETE").Select(e => e.Fault));
            Assert.Contains(result.Verbose, v => v.Contains("an earlier attempt's answer was lost, so it deleted the webhook"));
        }

        [Fact]
        public void Server_errors_and_drops_on_safe_requests_are_retried()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') " + FastRetries).AssertSucceeded();
            Simulator.EnqueueFault(FaultKind.ServiceUnavailable, "GET", "/webhooks");
            Simulator.EnqueueFault(FaultKind.DropBeforeActing, "GET", "/webhooks");
            Simulator.EnqueueFault(FaultKind.BadGateway, "GET", "/webhooks");

            Simulator.SetFaults(new FaultOptions { RetryAfterSeconds = 0 });
            var result = Run("Get-TableauWebhook -Verbose").AssertSucceeded();
            Assert.Equal(4, Simulator.State.RequestLog.Count(r => r.Method == "GET" && r.Path.EndsWith("/webhooks")));
            Assert.Contains(result.Verbose, v => v.Contains("retry", StringComparison.OrdinalIgnoreCase));
        }

        [Fact]
        public void TimeoutSec_bounds_each_request_and_the_timeout_is_reported_as_such()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -TimeoutSec 1 -MaximumRetryCount 0").AssertSucceeded();
            Simulator.EnqueueFault(FaultKind.Latency, "GET", "/webhooks", TimeSpan.FromSeconds(10));

            var watch = System.Diagnostics.Stopwatch.StartNew();
            var error = Run("Get-TableauWebhook").AssertSingleError("RequestTimedOut", ErrorCategory.OperationTimeout);
            watch.Stop();

            Assert.InRange(watch.Elapsed.TotalSeconds, 0.9, 5);
            Assert.Contains("-TimeoutSec", error.ErrorDetails?.RecommendedAction);
        }
    }
}
