using System;
using System.Text;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using Xunit;

namespace TableauWebhooks.Client.Tests.Events
{
    /// <summary>Reading what Tableau posts (reference 5.2): the documented shape, unknown events, the test delivery, and junk.</summary>
    public class WebhookPayloadTests
    {
        // The documented example (reference 5.2), with a real-looking resource LUID.
        private const string Documented =
            "{\"resource\":\"DATASOURCE\",\"event_type\":\"DatasourceCreated\",\"resource_name\":\"My Datasource\"," +
            "\"site_luid\":\"8b2a95d8-52b9-40a4-8712-cd6da771bd1b\",\"resource_luid\":\"99\",\"created_at\":\"2018-11-15T17:14:45Z\"}";

        [Fact]
        public void The_documented_payload_reads_into_every_field()
        {
            var payload = WebhookPayload.Read(Documented);

            Assert.Equal("DatasourceCreated", payload.EventType);
            Assert.Equal("webhook-source-event-datasource-created", payload.KnownEvent!.LegacyName);
            Assert.Equal(("DATASOURCE", "My Datasource", "99", "8b2a95d8-52b9-40a4-8712-cd6da771bd1b"),
                (payload.Resource, payload.ResourceName, payload.ResourceId, payload.SiteId));
            Assert.Equal(new DateTimeOffset(2018, 11, 15, 17, 14, 45, TimeSpan.Zero), payload.CreatedAt);
            Assert.Equal(TimeSpan.Zero, payload.CreatedAt!.Value.Offset);
            Assert.False(payload.IsTest);
            Assert.Equal(Documented, payload.Raw);
        }

        [Fact]
        public void Bytes_with_a_byte_order_mark_read_as_the_same_text()
        {
            var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.AsSpan().ToArray();
            var body = new byte[bytes.Length + Encoding.UTF8.GetByteCount(Documented)];
            bytes.CopyTo(body, 0);
            Encoding.UTF8.GetBytes(Documented, 0, Documented.Length, body, bytes.Length);

            Assert.Equal(Documented, WebhookPayload.Read(body).Raw);
        }

        [Fact]
        public void The_refresh_payload_seen_in_the_wild_reads_and_extra_keys_are_ignored()
        {
            // tableau/webhooks-docs#11: resource EXTRACTS, and a querystring key Tableau says it does not send.
            var payload = WebhookPayload.Read("{ \"created_at\": \"2019-11-14T14:31:21Z\", \"site_luid\": \"abc\", \"resource_luid\": \"abc\"," +
                                              " \"event_type\": \"WorkbookRefreshStarted\", \"resource\": \"EXTRACTS\", \"resource_name\": \"Workbook\", \"querystring\": {} }");

            Assert.Equal("WorkbookRefreshStarted", payload.KnownEvent!.Name);
            Assert.Equal("EXTRACTS", payload.Resource);
        }

        [Fact]
        public void An_event_the_catalog_does_not_know_still_reads_flagged()
        {
            var payload = WebhookPayload.Read("{\"event_type\":\"FlowRunFailed\",\"resource\":\"FLOW\",\"resource_name\":\"Nightly\",\"created_at\":\"not a time\"}");

            Assert.Equal("FlowRunFailed", payload.EventType);
            Assert.Null(payload.KnownEvent);
            Assert.Null(payload.CreatedAt);
        }

        [Theory]
        [InlineData("")]
        [InlineData("  ")]
        [InlineData("{}")]
        public void The_test_delivery_reads_as_a_test(string body)
        {
            var payload = WebhookPayload.Read(body);
            Assert.True(payload.IsTest);
            Assert.Null(payload.EventType);
        }

        [Theory]
        [InlineData("not json", "is not JSON")]
        [InlineData("{\"event_type\":", "is not JSON")]
        [InlineData("[1,2]", "is a JSON list")]
        [InlineData("\"text\"", "is a JSON string")]
        [InlineData("{\"resource\":\"WORKBOOK\"}", "has no event_type")]
        [InlineData("{\"event_type\":42}", "event_type is a JSON number")]
        [InlineData("{\"event_type\":\"WorkbookCreated\",\"site_luid\":[1]}", "site_luid is a JSON list")]
        public void Anything_else_is_an_InvalidWebhookPayload_error_that_says_why(string body, string expected)
        {
            var ex = Assert.Throws<TableauException>(() => WebhookPayload.Read(body));
            Assert.Equal(ErrorIds.InvalidWebhookPayload, ex.ErrorId);
            Assert.Contains(expected, ex.Message);
        }

        [Fact]
        public void Bytes_that_are_not_UTF8_are_an_error_not_a_crash()
        {
            var ex = Assert.Throws<TableauException>(() => WebhookPayload.Read(new byte[] { 0x7B, 0xFF, 0xFE, 0x7D }));
            Assert.Equal(ErrorIds.InvalidWebhookPayload, ex.ErrorId);
        }

        [Fact]
        public void A_deeply_nested_body_is_refused_by_the_parser_limit_not_a_stack_overflow()
        {
            var body = "{\"event_type\":\"WorkbookCreated\",\"x\":" + new string('[', 100_000) + new string(']', 100_000) + "}";
            var ex = Assert.Throws<TableauException>(() => WebhookPayload.Read(body));
            Assert.Equal(ErrorIds.InvalidWebhookPayload, ex.ErrorId);
        }
    }
}
