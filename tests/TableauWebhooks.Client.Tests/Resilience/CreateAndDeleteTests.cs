using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Tests.Support;
using Xunit;
using static TableauWebhooks.Client.Tests.Resilience.StubScripts;

namespace TableauWebhooks.Client.Tests.Resilience
{
    /// <summary>A create is never repeated blindly; a DELETE whose answer was lost is done when the webhook is gone.</summary>
    public class CreateAndDeleteTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        private static WebhookCreateRequest Request(string eventName = "WorkbookCreated")
            => new WebhookCreateRequest { Name = "hook", Event = eventName, DestinationUrl = Destination };

        [Theory]
        [InlineData("WorkbookCreated")]
        [InlineData("webhook-source-event-workbook-created")] // either name form finds the same webhook
        public async Task Create_dropped_after_sending_returns_the_webhook_it_made(string eventName)
        {
            var trace = new ConcurrentQueue<string>();
            var createdYet = false;
            Func<RecordedRequest, StubResponse?> script = r =>
            {
                if (IsCreate(r)) { createdYet = true; return StubResponse.Dropped(); }
                if (IsList(r)) return createdYet ? WebhookList(HookJson("other", "hook", "WorkbookDeleted"), HookJson()) : WebhookList();
                return null;
            };
            using var stub = new StubServer(TableauDocs.Server(script));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl, trace), Admin(), None);

            var created = await client.CreateWebhookAsync(Request(eventName), None);

            Assert.Equal(HookId, created.Id);
            Assert.Single(stub.Requests, IsCreate);
            Assert.Single(stub.Requests, IsList);
            Assert.True(trace.Any(l => l.Contains("/webhooks -> connection dropped after ") && l.Contains("; retry 1 of 4")), string.Join("\n", trace));
            Assert.Contains($"create outcome unknown; found the webhook it made: {HookId}", trace);
        }

        [Fact]
        public async Task Create_lost_beside_an_identical_webhook_without_createdAt_is_reported_as_unknown_not_guessed()
        {
            Func<RecordedRequest, StubResponse?> script = r =>
                IsCreate(r) ? StubResponse.Dropped()
                : IsList(r) ? WebhookList(HookJson(createdAt: ""))
                : null;
            using var stub = new StubServer(TableauDocs.Server(script));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);

            var error = await Assert.ThrowsAsync<TableauException>(() => client.CreateWebhookAsync(Request(), None));

            Assert.Equal("CreateOutcomeUnknown", error.ErrorId);
            Assert.Contains(HookId, error.Message);
            Assert.Single(stub.Requests, IsCreate);
        }

        [Fact]
        public async Task Create_lost_before_the_server_acted_is_checked_for_then_sent_again()
        {
            using var stub = new StubServer(TableauDocs.Server(Sequence(IsCreate,
                () => new StubResponse { Status = 504, ContentType = "text/html", Body = "<html>Gateway Timeout</html>" },
                () => Webhook())));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);

            var created = await client.CreateWebhookAsync(Request(), None);

            Assert.Equal(HookId, created.Id);
            // The order proves the create was not repeated before the list said it had not happened.
            var order = stub.Requests.Where(r => IsCreate(r) || IsList(r)).Select(r => r.Method).ToArray();
            Assert.Equal(new[] { "POST", "GET", "POST" }, order);
        }

        [Fact]
        public async Task Create_throttled_is_repeated_without_a_list()
        {
            using var stub = new StubServer(TableauDocs.Server(Sequence(IsCreate, () => Throttled("0"), ServiceUnavailable, () => Webhook())));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);

            await client.CreateWebhookAsync(Request(), None);

            Assert.Equal(3, stub.Requests.Count(IsCreate));
            Assert.DoesNotContain(stub.Requests, IsList);
        }

        [Fact]
        public async Task Create_with_unreadable_answer_and_failing_check_stops_without_creating_again()
        {
            Func<RecordedRequest, StubResponse?> script = r =>
                IsCreate(r) ? new StubResponse { Status = 201, ContentType = "application/json", Body = "{\"webhook\":{\"id\":" }
                : IsList(r) ? TableauDocs.Error(403, "403000", "Forbidden", "no")
                : null;
            using var stub = new StubServer(TableauDocs.Server(script));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.CreateWebhookAsync(Request(), None));

            Assert.Equal(TableauErrorKind.PermissionDenied, ex.Kind);
            Assert.Contains("may or may not have worked", ex.Message);
            Assert.Single(stub.Requests, IsCreate);
        }

        [Fact]
        public async Task Create_never_acknowledged_gives_up_after_the_checks_without_duplicates()
        {
            using var stub = new StubServer(TableauDocs.Server(r => IsCreate(r) ? StubResponse.Dropped() : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);

            var ex = await Assert.ThrowsAsync<TableauException>(() => client.CreateWebhookAsync(Request(), None));

            Assert.Equal(TableauErrorKind.Connection, ex.Kind);
            Assert.Contains("Gave up after 5 attempts.", ex.Message);
            Assert.Equal(5, stub.Requests.Count(IsCreate));
            Assert.Equal(5, stub.Requests.Count(IsList)); // one check before every repeat and one before giving up
        }

        [Fact]
        public async Task Create_rejected_is_not_repeated()
        {
            using var stub = new StubServer(TableauDocs.Server(r => IsCreate(r) ? TableauDocs.Error(500, "500000", "Internal Server Error", "boom") : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            await Assert.ThrowsAsync<TableauException>(() => client.CreateWebhookAsync(Request(), None));
            Assert.Single(stub.Requests, IsCreate);
            Assert.DoesNotContain(stub.Requests, IsList);
        }

        private static bool IsDelete(RecordedRequest r) => r.Method == "DELETE";

        [Fact]
        public async Task Delete_dropped_then_404_is_success()
        {
            var trace = new ConcurrentQueue<string>();
            using var stub = new StubServer(TableauDocs.Server(Sequence(IsDelete,
                StubResponse.Dropped, () => TableauDocs.Error(404, "404050", "Not Found", "Webhook not found"))));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl, trace), Admin(), None);

            await client.DeleteWebhookAsync(HookId, None);

            Assert.Equal(2, stub.Requests.Count(IsDelete));
            Assert.Contains(trace, l => l.Contains("-> 404 in ") && l.EndsWith("so it deleted the webhook"));
        }

        [Fact]
        public async Task Delete_404_on_the_first_attempt_is_WebhookNotFound()
        {
            using var stub = new StubServer(TableauDocs.Server(r => IsDelete(r) ? TableauDocs.Error(404, "404050", "Not Found", "Webhook not found") : null));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.DeleteWebhookAsync(HookId, None));
            Assert.Equal("WebhookNotFound", ex.ErrorId);
        }

        [Fact]
        public async Task Delete_throttled_then_404_is_still_WebhookNotFound()
        {
            // A 429 means the server did not act, so the 404 after it is real news.
            using var stub = new StubServer(TableauDocs.Server(Sequence(IsDelete,
                () => Throttled("0"), () => TableauDocs.Error(404, "404050", "Not Found", "Webhook not found"))));
            using var client = await TableauRestClient.SignInAsync(Options(stub.BaseUrl), Admin(), None);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.DeleteWebhookAsync(HookId, None));
            Assert.Equal("WebhookNotFound", ex.ErrorId);
        }
    }
}
