using System;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Tests.Support;
using Xunit;

namespace TableauWebhooks.Client.Tests.Serialization
{
    /// <summary>The project's own documents: the variations real servers, XSD versions and converters produce.</summary>
    public class ResponseReaderTests
    {
        [Fact]
        public void Json_list_reads_array_bool_and_string_flags_and_dates()
        {
            var list = Docs.Read(Docs.Json, TestPaths.OwnData("webhooks_list.json"), r => r.ReadWebhooks());
            Assert.Equal(2, list.Count);

            Assert.Equal("dbf3e1e3-aa15-4c17-bc1e-20dcf1b94252", list[0].Id);
            Assert.Equal("WorkbookDeleted", list[0].Event);
            Assert.Equal("webhook-source-event-workbook-deleted", list[0].LegacyEventName);
            Assert.True(list[0].Enabled);
            Assert.Equal("https://hooks.example.com/a", list[0].DestinationUrl);
            Assert.Equal("admin", list[0].OwnerName);
            Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), list[0].CreatedAt);
            Assert.Equal(new DateTimeOffset(2026, 1, 3, 3, 4, 5, TimeSpan.Zero), list[0].UpdatedAt);

            // No event attribute: the name comes from the legacy source element; "false" as a string.
            Assert.Equal("DatasourceRefreshFailed", list[1].Event);
            Assert.False(list[1].Enabled);
            Assert.Equal("Webhook disabled by user", list[1].StatusChangeReason);
            Assert.Null(list[1].CreatedAt);
        }

        [Fact]
        public void Json_list_of_one_may_be_a_single_object()
        {
            var w = Assert.Single(Docs.Read(Docs.Json, TestPaths.OwnData("webhooks_single_object.json"), r => r.ReadWebhooks()));
            Assert.Equal("AdminDemoted", w.Event);
            Assert.Equal("webhook-event-user-demoted-admin", w.LegacyEventName);
            Assert.True(w.Enabled); // omitted by pre-3.8 servers: enabled
        }

        [Theory]
        [InlineData("{\"webhooks\":{}}")]
        [InlineData("{\"webhooks\":null}")]
        [InlineData("{\"webhooks\":{\"webhook\":[]}}")]
        public void Json_empty_lists(string body)
            => Assert.Empty(Docs.Read(Docs.Json, body, r => r.ReadWebhooks()));

        [Fact]
        public void Json_empty_list_file()
            => Assert.Empty(Docs.Read(Docs.Json, TestPaths.OwnData("webhooks_empty.json"), r => r.ReadWebhooks()));

        [Fact]
        public void Json_enabled_is_the_fallback_for_isEnabled()
        {
            var w = Docs.Read(Docs.Json, TestPaths.OwnData("webhook_enabled_fallback.json"), r => r.ReadWebhook());
            Assert.False(w.Enabled);
            Assert.Equal("ViewDeleted", w.Event);
        }

        [Fact]
        public void Unknown_event_names_pass_through_raw()
        {
            var w = Docs.Read(Docs.Json, TestPaths.OwnData("webhook_unknown_event.json"), r => r.ReadWebhook());
            Assert.Equal("FlowCompleted", w.Event);
            Assert.Equal("webhook-source-event-flow-completed", w.LegacyEventName);
        }

        [Fact]
        public void Json_test_result_with_string_status()
        {
            var t = Docs.Read(Docs.Json, TestPaths.OwnData("webhook_test_result.json"), r => r.ReadTestResult());
            Assert.Equal("9f9bcaf8-8c4c-403c-b7e1-10dd85620f00", t.WebhookId);
            Assert.Equal(404, t.DestinationStatus);
            Assert.Equal("agent not found", t.Body);
        }

        [Theory]
        [InlineData("{\"webhookTestResult\":{\"id\":\"x\",\"status\":200,\"body\":{}}}", 200, "")]
        [InlineData("{\"webhookTestResult\":{\"id\":\"x\",\"status\":\"503\"}}", 503, "")]
        [InlineData("{\"webhookTestResult\":{\"id\":\"x\",\"status\":201,\"body\":\"ok\"}}", 201, "ok")]
        public void Json_test_result_variants(string body, int status, string text)
        {
            var t = Docs.Read(Docs.Json, body, r => r.ReadTestResult());
            Assert.Equal(status, t.DestinationStatus);
            Assert.Equal(text, t.Body);
        }

        [Fact]
        public void Xml_test_result()
        {
            var t = Docs.Read(Docs.Xml, TestPaths.OwnData("webhook_test_result.xml"), r => r.ReadTestResult());
            Assert.Equal(408, t.DestinationStatus);
            Assert.Equal("unable to connect to the url", t.Body);
        }

        [Fact]
        public void Json_server_info_and_credentials()
        {
            var info = Docs.Read(Docs.Json, TestPaths.OwnData("serverinfo.json"), r => r.ReadServerInfo());
            Assert.Equal(new Version(3, 15), info.RestApiVersion);
            Assert.Equal("2022.1.5", info.ProductVersion);

            var c = Docs.Read(Docs.Json, TestPaths.OwnData("signin.json"), r => r.ReadCredentials());
            Assert.Equal("tok-json-123", c.Token);
            Assert.Equal("9d2e7b40-6a1c-4f3e-b5d8-0c1e2f3a4b5c", c.SiteId);
            Assert.Equal("finance", c.SiteContentUrl);
            Assert.Equal("7c4b1f2e-3d5a-4e6b-9c8d-112233445566", c.UserId);
            Assert.Equal("177:05:38", c.EstimatedTimeToExpiration);
        }

        [Fact]
        public void Xml_legacy_namespace()
        {
            var w = Docs.Read(Docs.Xml, TestPaths.OwnData("webhook_legacy_namespace.xml"), r => r.ReadWebhook());
            Assert.Equal("legacy ns", w.Name);
            Assert.Equal("DatasourceRefreshSucceeded", w.Event);
            Assert.False(w.Enabled);
            Assert.Equal("Webhook disabled by user", w.StatusChangeReason);
            Assert.Equal("admin", w.OwnerName);
        }

        [Fact]
        public void Xml_without_namespace_and_enabled_fallback()
        {
            var list = Docs.Read("text/xml", TestPaths.OwnData("webhooks_no_namespace.xml"), r => r.ReadWebhooks());
            Assert.Equal(2, list.Count);
            Assert.Equal("WorkbookRefreshStarted", list[0].Event);
            Assert.True(list[0].Enabled);
            Assert.Equal("SiteCreated", list[1].Event);
            Assert.Equal("webhook-source-event-site-created", list[1].LegacyEventName);
        }

        [Fact]
        public void Xml_in_a_foreign_namespace_is_not_a_Tableau_document()
        {
            var ex = Assert.Throws<TableauException>(() =>
                Docs.Read(Docs.Xml, "<tsResponse xmlns=\"urn:other\"><webhooks/></tsResponse>", r => r.ReadWebhooks()));
            Assert.Equal("InvalidResponse", ex.ErrorId);
        }

        [Fact]
        public void Reader_follows_the_content_type_not_the_requested_format()
        {
            Assert.Equal(2, Docs.Read("application/json", TestPaths.OwnData("webhooks_list.json"), r => r.ReadWebhooks()).Count);
            // No Content-Type at all: sniffed.
            Assert.Equal(2, Docs.Read("", TestPaths.OwnData("webhooks_list.json"), r => r.ReadWebhooks()).Count);
        }

        [Fact]
        public void Html_from_a_proxy_is_InvalidResponse_with_a_readable_excerpt()
        {
            var ex = Assert.Throws<TableauException>(() =>
                Docs.Read("text/html", TestPaths.OwnData("proxy_502.html"), r => r.ReadWebhooks(), 200, "GET /api/3.28/sites/s/webhooks"));
            Assert.Equal(TableauErrorKind.InvalidResponse, ex.Kind);
            Assert.Equal("InvalidResponse", ex.ErrorId);
            Assert.Contains("text/html", ex.Message);
            Assert.Contains("502 Bad Gateway", ex.Message);
            Assert.DoesNotContain("<h1>", ex.Message);
            Assert.DoesNotContain("color:red", ex.Message);
        }

        [Fact]
        public void Html_error_status_is_InvalidResponse_naming_the_status()
        {
            var ex = Docs.Error(502, "text/html", TestPaths.OwnData("proxy_502.html"), "GET /api/3.28/sites/s/webhooks");
            Assert.Equal(TableauErrorKind.InvalidResponse, ex.Kind);
            Assert.Equal(502, ex.HttpStatus);
            Assert.Contains("502", ex.Message);
            Assert.Contains("nginx", ex.Message);
        }

        [Fact]
        public void Truncated_json_is_InvalidResponse_not_JsonException()
        {
            var ex = Assert.Throws<TableauException>(() => Docs.Read(Docs.Json, TestPaths.OwnData("truncated.json"), r => r.ReadWebhooks()));
            Assert.Equal("InvalidResponse", ex.ErrorId);
            Assert.Contains("not well formed", ex.Message);
            Assert.IsNotType<TableauException>(ex.InnerException);
        }

        [Theory]
        [InlineData(Docs.Xml, "<tsResponse><webhooks><webhook id=\"x\"")]
        [InlineData(Docs.Xml, "")]
        [InlineData(Docs.Json, "")]
        [InlineData(Docs.Json, "[1,2]")]
        [InlineData(Docs.Json, "{\"unexpected\":{}}")]
        [InlineData("text/plain", "{\"webhooks\":{}}")]
        public void Unreadable_bodies_are_InvalidResponse(string contentType, string body)
        {
            var ex = Assert.Throws<TableauException>(() => Docs.Read(contentType, body, r => r.ReadWebhooks()));
            Assert.Equal(TableauErrorKind.InvalidResponse, ex.Kind);
        }

        [Fact]
        public void Bad_boolean_is_InvalidResponse()
        {
            var ex = Assert.Throws<TableauException>(() =>
                Docs.Read(Docs.Json, "{\"webhook\":{\"id\":\"x\",\"isEnabled\":\"maybe\"}}", r => r.ReadWebhook()));
            Assert.Equal("InvalidResponse", ex.ErrorId);
            Assert.Contains("maybe", ex.Message);
        }
    }
}
