using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Tests.Support;
using Xunit;

namespace TableauWebhooks.Client.Tests.Http
{
    /// <summary>Answers the simulator does not give but real servers might: paged lists, partial PUT answers, 200 on update.</summary>
    public class WebhookResponseShapeTests
    {
        private const string Id = "9f9bcaf8-8c4c-403c-b7e1-10dd85620f00";

        private static Task<TableauRestClient> SignInAsync(StubServer stub)
            => TableauRestClient.SignInAsync(
                new TableauClientOptions { ServerUrl = stub.BaseUrl, NoProxy = true },
                new PasswordCredential("admin", Secure.String("admin")), CancellationToken.None);

        private static string Hook(string id, string name)
            => $"<webhook id=\"{id}\" name=\"{name}\" event=\"WorkbookCreated\"><webhook-destination><webhook-destination-http method=\"POST\" url=\"https://h.example.com/{name}\"/></webhook-destination></webhook>";

        [Fact]
        public async Task List_follows_pagination_when_the_server_pages()
        {
            using var stub = new StubServer(TableauDocs.Server(r =>
            {
                if (!r.Path.EndsWith("/webhooks")) return null;
                var second = r.Query.Contains("pageNumber=2");
                var body = second
                    ? $"<tsResponse xmlns=\"http://tableau.com/api\"><pagination pageNumber=\"2\" pageSize=\"2\" totalAvailable=\"3\"/><webhooks>{Hook("c", "three")}</webhooks></tsResponse>"
                    : $"<tsResponse xmlns=\"http://tableau.com/api\"><pagination pageNumber=\"1\" pageSize=\"2\" totalAvailable=\"3\"/><webhooks>{Hook("a", "one")}{Hook("b", "two")}</webhooks></tsResponse>";
                return StubResponse.Xml(body);
            }));
            using var client = await SignInAsync(stub);
            var list = await client.ListWebhooksAsync(CancellationToken.None);
            Assert.Equal(new[] { "one", "two", "three" }, list.Select(w => w.Name));
            var listRequests = stub.Requests.Where(r => r.Path.EndsWith("/webhooks")).ToArray();
            Assert.Equal(2, listRequests.Length);
            Assert.Equal("", listRequests[0].Query); // no paging parameters unless the server pages
        }

        [Fact]
        public async Task List_stops_after_1000_pages_from_a_server_that_never_stops()
        {
            using var stub = new StubServer(TableauDocs.Server(r => r.Path.EndsWith("/webhooks")
                ? StubResponse.Json("{\"pagination\":{\"pageNumber\":\"1\",\"pageSize\":\"1\",\"totalAvailable\":\"1000000\"}," +
                                    "\"webhooks\":{\"webhook\":{\"id\":\"a\",\"name\":\"again\",\"event\":\"WorkbookCreated\"}}}")
                : null));
            using var client = await SignInAsync(stub);
            Assert.Equal(1000, (await client.ListWebhooksAsync(CancellationToken.None)).Count);
            var queries = stub.Requests.Where(r => r.Path.EndsWith("/webhooks")).Select(r => r.Query).ToArray();
            Assert.Equal(new[] { "" }.Concat(Enumerable.Range(2, 999).Select(n => $"?pageNumber={n}")), queries);
        }

        [Fact]
        public async Task List_without_pagination_is_one_request()
        {
            using var stub = new StubServer(TableauDocs.Server(r => r.Path.EndsWith("/webhooks")
                ? StubResponse.Json("{\"webhooks\":{\"webhook\":{\"id\":\"a\",\"name\":\"only\",\"event\":\"WorkbookCreated\"}}}")
                : null));
            using var client = await SignInAsync(stub);
            Assert.Equal("only", Assert.Single(await client.ListWebhooksAsync(CancellationToken.None)).Name);
            Assert.Single(stub.Requests, r => r.Path.EndsWith("/webhooks"));
        }

        [Fact]
        public async Task Partial_update_answer_keeps_what_was_set_and_200_is_accepted()
        {
            // TSC's inline PUT answer: no destination, no owner.
            using var stub = new StubServer(TableauDocs.Server(r => r.Method == "PUT"
                ? StubResponse.Xml($"<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns=\"http://tableau.com/api\">  <webhook id=\"{Id}\" name=\"webhook-name-updated\">    <webhook-source>      <webhook-source-event-datasource-created />    </webhook-source>  </webhook></tsResponse>")
                : null));
            using var client = await SignInAsync(stub);
            var updated = await client.UpdateWebhookAsync(Id,
                new WebhookUpdateRequest { Name = "webhook-name-updated", DestinationUrl = "https://new.example.com/hook" }, CancellationToken.None);
            Assert.Equal("webhook-name-updated", updated.Name);
            Assert.Equal("https://new.example.com/hook", updated.DestinationUrl);
            Assert.Equal("DatasourceCreated", updated.Event);

            var put = Assert.Single(stub.Requests, r => r.Method == "PUT");
            Assert.Equal($"/api/3.28/sites/{TableauDocs.SiteId}/webhooks/{Id}", put.Path);
            Assert.Equal("{\"webhook\":{\"name\":\"webhook-name-updated\",\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"https://new.example.com/hook\"}}}}", put.Body);
            Assert.Contains("\"url\":\"https://new.example.com/hook\"", put.Body);
            Assert.DoesNotContain("isEnabled", put.Body);
            Assert.DoesNotContain("event", put.Body);
        }

        [Fact]
        public async Task Invalid_webhook_id_sends_nothing()
        {
            using var stub = new StubServer(TableauDocs.Server());
            using var client = await SignInAsync(stub);
            var before = stub.Requests.Count;
            foreach (var call in new Func<Task>[]
                     {
                         () => client.GetWebhookAsync("webhook-id", CancellationToken.None),
                         () => client.DeleteWebhookAsync("", CancellationToken.None),
                         () => client.TestWebhookAsync("../users", CancellationToken.None),
                         () => client.UpdateWebhookAsync("x", new WebhookUpdateRequest { Name = "n" }, CancellationToken.None),
                     })
            {
                var ex = await Assert.ThrowsAsync<TableauWebhooks.Client.Errors.TableauException>(call);
                Assert.Equal("InvalidWebhookId", ex.ErrorId);
            }
            Assert.Equal(before, stub.Requests.Count);
        }
    }
}
