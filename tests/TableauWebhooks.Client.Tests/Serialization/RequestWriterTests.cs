using System;
using System.Text.Json;
using TableauWebhooks.Client.Auth;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Serialization;
using TableauWebhooks.Client.Tests.Support;
using TableauWebhooks.Client.Webhooks;
using Xunit;

namespace TableauWebhooks.Client.Tests.Serialization
{
    /// <summary>The exact (JSON) bodies sent for each API version: legacy webhook-source below 3.9, the event attribute from 3.9.</summary>
    public class RequestWriterTests
    {
        private static readonly Version V36 = new Version(3, 6);
        private static readonly Version V38 = new Version(3, 8);
        private static readonly Version V39 = new Version(3, 9);
        private static readonly Version V328 = new Version(3, 28);

        private static WebhookCreateRequest Create(bool? enabled = null) => new WebhookCreateRequest
        {
            Name = "refresh failed",
            Event = "DatasourceRefreshFailed",
            DestinationUrl = "https://hooks.example.com/a?b=1",
            Enabled = enabled,
        };

        private static string Json(WebhookBody body) => JsonRequestWriter.Webhook(body);

        [Fact]
        public void Create_at_36_sends_only_the_legacy_source_element()
        {
            var body = WebhookRequestValidator.ForCreate(Create(), V36);
            Assert.Equal(
                "{\"webhook\":{\"name\":\"refresh failed\",\"webhook-source\":{\"webhook-source-event-datasource-refresh-failed\":{}}," +
                "\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"https://hooks.example.com/a?b=1\"}}}}",
                Json(body));
        }

        [Fact]
        public void Create_accepts_the_legacy_name_and_at_39_sends_the_new_name_only()
        {
            var request = Create();
            request.Event = "webhook-source-event-datasource-refresh-failed";
            var body = WebhookRequestValidator.ForCreate(request, V39);
            Assert.Equal(
                "{\"webhook\":{\"name\":\"refresh failed\",\"event\":\"DatasourceRefreshFailed\"," +
                "\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"https://hooks.example.com/a?b=1\"}}}}",
                Json(body));
        }

        [Fact]
        public void Create_disabled_sends_lowercase_false_and_never_a_reason()
        {
            var body = WebhookRequestValidator.ForCreate(Create(enabled: false), V328);
            using var json = JsonDocument.Parse(Json(body));
            var webhook = json.RootElement.GetProperty("webhook");
            Assert.Equal("false", webhook.GetProperty("isEnabled").GetString());
            Assert.False(webhook.TryGetProperty("statusChangeReason", out _));
        }

        [Fact]
        public void Create_enabled_true_leaves_the_server_default()
        {
            var body = WebhookRequestValidator.ForCreate(Create(enabled: true), V36);
            Assert.Equal(
                "{\"webhook\":{\"name\":\"refresh failed\",\"webhook-source\":{\"webhook-source-event-datasource-refresh-failed\":{}}," +
                "\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"https://hooks.example.com/a?b=1\"}}}}",
                Json(body));
        }

        [Fact]
        public void Partial_update_sends_only_the_bound_members()
        {
            var body = WebhookRequestValidator.ForUpdate(new WebhookUpdateRequest { Name = "renamed" }, V328);
            Assert.Equal("{\"webhook\":{\"name\":\"renamed\"}}", Json(body));
        }

        [Fact]
        public void Update_event_at_38_uses_the_legacy_element_and_at_39_the_attribute()
        {
            var at38 = WebhookRequestValidator.ForUpdate(new WebhookUpdateRequest { Event = "WorkbookCreated" }, V38);
            Assert.Equal("{\"webhook\":{\"webhook-source\":{\"webhook-source-event-workbook-created\":{}}}}", Json(at38));

            var at39 = WebhookRequestValidator.ForUpdate(new WebhookUpdateRequest { Event = "workbook-created" }, V39);
            Assert.Equal("{\"webhook\":{\"event\":\"WorkbookCreated\"}}", Json(at39));
        }

        [Fact]
        public void Disable_with_reason_sends_the_reason()
        {
            var body = WebhookRequestValidator.ForUpdate(new WebhookUpdateRequest { Enabled = false, StatusChangeReason = "maintenance" }, V38);
            Assert.Equal("{\"webhook\":{\"isEnabled\":\"false\",\"statusChangeReason\":\"maintenance\"}}", Json(body));
        }

        [Fact]
        public void Enable_never_sends_a_reason()
        {
            var body = WebhookRequestValidator.ForUpdate(new WebhookUpdateRequest { Enabled = true, StatusChangeReason = "ignored" }, V38);
            Assert.Equal("{\"webhook\":{\"isEnabled\":\"true\"}}", Json(body));
        }

        [Fact]
        public void Full_update_at_39()
        {
            var body = WebhookRequestValidator.ForUpdate(new WebhookUpdateRequest
            {
                Name = "n", Event = "SiteDeleted", DestinationUrl = "https://h.example.com/x", Enabled = false,
            }, V39);
            Assert.Equal(
                "{\"webhook\":{\"name\":\"n\",\"isEnabled\":\"false\",\"event\":\"SiteDeleted\"," +
                "\"webhook-destination\":{\"webhook-destination-http\":{\"method\":\"POST\",\"url\":\"https://h.example.com/x\"}}}}",
                Json(body));
        }

        [Fact]
        public void Values_are_escaped()
        {
            var body = WebhookRequestValidator.ForUpdate(new WebhookUpdateRequest { Name = "a \"quoted\" <name> & more" }, V38);
            Assert.Equal("{\"webhook\":{\"name\":\"a \\u0022quoted\\u0022 \\u003Cname\\u003E \\u0026 more\"}}", Json(body));
            using var json = JsonDocument.Parse(Json(body));
            Assert.Equal("a \"quoted\" <name> & more", json.RootElement.GetProperty("webhook").GetProperty("name").GetString());
        }

        [Fact]
        public void SignIn_bodies_for_each_credential()
        {
            Assert.Equal("{\"credentials\":{\"name\":\"admin\",\"password\":\"p@ss\",\"site\":{\"contentUrl\":\"finance\"}}}",
                JsonRequestWriter.SignIn(new PasswordCredential("admin", Secure.String("p@ss")), "finance"));
            Assert.Equal("{\"credentials\":{\"personalAccessTokenName\":\"admin-pat\",\"personalAccessTokenSecret\":\"s3cret\",\"site\":{\"contentUrl\":\"\"}}}",
                JsonRequestWriter.SignIn(new PersonalAccessTokenCredential("admin-pat", Secure.String("s3cret")), ""));
            Assert.Equal("{\"credentials\":{\"jwt\":\"a.b.c\",\"site\":{\"contentUrl\":\"\"}}}",
                JsonRequestWriter.SignIn(new JwtCredential(Secure.String("a.b.c")), ""));
            Assert.Equal("{\"site\":{\"contentUrl\":\"finance\"}}", JsonRequestWriter.SwitchSite("finance"));
        }
    }
}
