using System;
using System.Collections.Concurrent;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Tests.Support;
using Xunit;
using static TableauWebhooks.Client.Tests.Resilience.StubScripts;

namespace TableauWebhooks.Client.Tests.Resilience
{
    /// <summary>
    /// A proxy or load balancer that forwards a request, lets Tableau do the work, then closes the kept-alive connection
    /// without an answer. .NET's SocketsHttpHandler re-sends a request without a body on a new connection by itself when
    /// a reused connection closes before any answer, so the module would see only the second answer (a DELETE's 404).
    /// Every attempt that can change something must be the module's own: the server sees exactly the attempts the
    /// module's trace reports, the first one reported as dropped, and the outcome follows the module's rules.
    /// </summary>
    public class LostAnswerOnReusedConnectionTests
    {
        private static readonly CancellationToken None = CancellationToken.None;
        private static readonly string HookPath = "/webhooks/" + HookId;

        public static TheoryData<string> Operations => new TheoryData<string> { "DELETE", "PUT", "POST", "test GET" };

        [Theory]
        [MemberData(nameof(Operations))]
        public async Task The_first_attempt_is_the_modules_own_and_the_retry_decides(string operation)
        {
            var trace = new ConcurrentQueue<string>();
            var attemptsSeen = 0;
            var created = false;
            Func<RecordedRequest, StubResponse?> script = r =>
            {
                if (IsOperation(operation, r))
                {
                    // The first attempt does the work and loses its answer; later ones answer as Tableau would now.
                    if (Interlocked.Increment(ref attemptsSeen) == 1)
                    {
                        if (operation == "POST") created = true;
                        return StubResponse.Lost();
                    }
                    return operation switch
                    {
                        "DELETE" => TableauDocs.Error(404, "404031", "Not Found", "The webhook could not be found."),
                        "PUT" => Webhook(status: 200),
                        "POST" => Webhook(),
                        _ => StubResponse.Json($"{{\"webhookTestResult\":{{\"id\":\"{HookId}\",\"status\":\"200\",\"body\":\"ok\"}}}}"),
                    };
                }
                if (IsList(r)) return created ? WebhookList(HookJson()) : WebhookList();
                return null;
            };
            using var server = new KeepAliveServer(TableauDocs.Server(script));
            using var client = await TableauRestClient.SignInAsync(Options(server.BaseUrl, trace), Admin(), None);

            await Run(operation, client);

            var sent = server.Requests.Where(r => IsOperation(operation, r.Request)).ToList();
            var connectionsBefore = server.Requests.TakeWhile(r => !IsOperation(operation, r.Request)).Select(r => r.Connection).ToList();
            // The lost answer happened on a connection that had already carried a request: a reused keep-alive connection.
            Assert.Contains(sent[0].Connection, connectionsBefore);
            var attemptLines = trace.Where(l => l.StartsWith(MethodOf(operation) + " ", StringComparison.Ordinal) && IsOperationPath(operation, l)).ToList();
            Assert.True(sent.Count == attemptLines.Count,
                $"The server saw {sent.Count} {operation} requests but the module traced {attemptLines.Count} attempts:\n{string.Join("\n", trace)}");
            Assert.Contains("connection dropped", attemptLines[0]);
            if (operation == "POST")
            {
                // A create is checked before it is repeated: the lost one made the webhook, so it is not sent again.
                Assert.Single(sent);
                Assert.Contains($"create outcome unknown; found the webhook it made: {HookId}", trace);
            }
            else
            {
                Assert.Equal(2, sent.Count);
            }
            if (operation == "DELETE") Assert.Contains(trace, l => l.Contains("an earlier attempt's answer was lost, so it deleted the webhook"));
        }

        [Fact]
        public async Task A_delete_of_a_webhook_that_never_existed_is_still_WebhookNotFound()
        {
            using var server = new KeepAliveServer(TableauDocs.Server(r =>
                r.Method == "DELETE" ? TableauDocs.Error(404, "404031", "Not Found", "The webhook could not be found.") : null));
            using var client = await TableauRestClient.SignInAsync(Options(server.BaseUrl), Admin(), None);

            var error = await Assert.ThrowsAsync<TableauException>(() => client.DeleteWebhookAsync(HookId, None));

            Assert.Equal("WebhookNotFound", error.ErrorId);
            Assert.Single(server.Requests, r => r.Request.Method == "DELETE");
        }

        private static Task Run(string operation, TableauRestClient client) => operation switch
        {
            "DELETE" => client.DeleteWebhookAsync(HookId, None),
            "PUT" => client.UpdateWebhookAsync(HookId, new WebhookUpdateRequest { Name = "renamed" }, None),
            "POST" => client.CreateWebhookAsync(new WebhookCreateRequest { Name = "hook", Event = "WorkbookCreated", DestinationUrl = Destination }, None),
            _ => client.TestWebhookAsync(HookId, None),
        };

        private static string MethodOf(string operation) => operation == "test GET" ? "GET" : operation;

        private static bool IsOperation(string operation, RecordedRequest r)
            => r.Method == MethodOf(operation) && (operation == "POST" ? IsCreate(r) : operation == "test GET" ? r.Path.EndsWith(HookPath + "/test", StringComparison.Ordinal) : r.Path.EndsWith(HookPath, StringComparison.Ordinal));

        private static bool IsOperationPath(string operation, string traceLine)
        {
            var path = traceLine.Split(' ')[1];
            return operation == "POST" ? path.EndsWith("/webhooks", StringComparison.Ordinal)
                : operation == "test GET" ? path.EndsWith(HookPath + "/test", StringComparison.Ordinal)
                : path.EndsWith(HookPath, StringComparison.Ordinal);
        }
    }
}
