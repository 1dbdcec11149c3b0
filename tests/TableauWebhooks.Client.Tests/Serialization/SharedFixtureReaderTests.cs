using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Xml.Linq;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Serialization;
using TableauWebhooks.Client.Tests.Support;
using TableauWebhooks.Client.Versions;
using TableauWebhooks.Client.Webhooks;
using Xunit;

namespace TableauWebhooks.Client.Tests.Serialization
{
    /// <summary>The TSC unit-test documents (copied verbatim into the shared reference) read as TSC's tests expect.</summary>
    public class SharedFixtureReaderTests
    {
        [SharedFixtureFact]
        public void SignIn_reads_token_site_and_user()
        {
            var result = Docs.Read(Docs.Xml, TestPaths.SharedFixture("tsc_auth_sign_in.xml"), r => r.ReadCredentials());
            Assert.Equal("eIX6mvFsqyansa4KqEI1UwOpS8ggRs2l", result.Token);
            Assert.Equal("6b7179ba-b82b-4f0f-91ed-812074ac5da6", result.SiteId);
            Assert.Equal("Samples", result.SiteContentUrl);
            Assert.Equal("1a96d216-e9b8-497b-a82a-0b899a965e01", result.UserId);
        }

        [SharedFixtureFact]
        public void SignIn_to_default_site_has_empty_content_url()
        {
            var result = Docs.Read(Docs.Xml, TestPaths.SharedFixture("tsc_auth_sign_in_impersonate.xml"), r => r.ReadCredentials());
            Assert.Equal("MJonFA6HDyy2C3oqR13fRGqE6cmgzwq3", result.Token);
            Assert.Equal("dad65087-b08b-4603-af4e-2887b8aafc67", result.SiteId);
            Assert.Equal("", result.SiteContentUrl);
            Assert.Equal("dd2239f6-ddf1-4107-981a-4cf94e415794", result.UserId);
        }

        [SharedFixtureFact]
        public void SignIn_error_becomes_SignInFailed()
        {
            var ex = Docs.Error(401, Docs.Xml, TestPaths.SharedFixture("tsc_auth_sign_in_error.xml"), "POST /api/3.28/auth/signin");
            Assert.Equal(TableauErrorKind.Authentication, ex.Kind);
            Assert.Equal("SignInFailed", ex.ErrorId);
            Assert.Equal(401, ex.HttpStatus);
            Assert.Equal("401001", ex.Code);
            Assert.Equal("Signin Error", ex.Summary);
            Assert.Equal("Error signing in to Tableau Server", ex.Detail);
            Assert.Equal("POST /api/3.28/auth/signin", ex.Request);
            Assert.StartsWith("Signin Error: Error signing in to Tableau Server (401001)", ex.Message);
            Assert.Equal("Signin Error: Error signing in to Tableau Server (401001)", ex.Message);
        }

        [SharedFixtureFact]
        public void ServerInfo_310()
        {
            var info = Docs.Read(Docs.Xml, TestPaths.SharedFixture("tsc_server_info_get.xml"), r => r.ReadServerInfo());
            Assert.Equal(new Version(3, 10), info.RestApiVersion);
            Assert.Equal("10.1.0", info.ProductVersion);
            // 3.10 is newer than 3.9, not older (a string comparison would get this wrong).
            Assert.Equal(new Version(3, 10), ApiVersionSelection.Choose(info, null));
        }

        [SharedFixtureFact]
        public void ServerInfo_25_is_too_old_for_webhooks()
        {
            var info = Docs.Read(Docs.Xml, TestPaths.SharedFixture("tsc_server_info_25.xml"), r => r.ReadServerInfo());
            Assert.Equal(new Version(2, 5), info.RestApiVersion);
            var ex = Assert.Throws<TableauException>(() => ApiVersionSelection.Choose(info, null));
            Assert.Equal(TableauErrorKind.NotSupported, ex.Kind);
            Assert.Equal("WebhooksNotSupported", ex.ErrorId);
            Assert.Contains("2.5", ex.Message);
            Assert.Contains("3.6", ex.Message);
        }

        [SharedFixtureFact]
        public void ServerInfo_404_is_UnknownResource()
        {
            var ex = Docs.Error(404, Docs.Xml, TestPaths.SharedFixture("tsc_server_info_404.xml"), "GET /api/2.4/serverinfo");
            Assert.Equal(TableauErrorKind.NotFound, ex.Kind);
            Assert.Equal("UnknownResource", ex.ErrorId);
            Assert.Equal("404003", ex.Code);
            Assert.Equal("Resource Not Found", ex.Summary);
            Assert.Equal("Unknown resource '/2.4/serverInfo' specified in URI.", ex.Detail);
        }

        [SharedFixtureFact]
        public void WebhookCreate_passes_unknown_legacy_name_through_and_defaults_enabled()
        {
            var w = Docs.Read(Docs.Xml, TestPaths.SharedFixture("tsc_webhook_create.xml"), r => r.ReadWebhook());
            Assert.Equal("webhook-id", w.Id);
            Assert.Equal("webhook-name", w.Name);
            Assert.Equal("webhook-source-api-event-name", w.Event);
            Assert.Equal("webhook-source-api-event-name", w.LegacyEventName);
            Assert.Equal("url", w.DestinationUrl);
            Assert.True(w.Enabled);
            Assert.Equal("", w.StatusChangeReason);
            Assert.Equal("webhook_owner_luid", w.OwnerId);
            Assert.Equal("webhook_owner_name", w.OwnerName);
        }

        [SharedFixtureFact]
        public void WebhookGet_maps_legacy_source_to_new_name()
        {
            var list = Docs.Read(Docs.Xml, TestPaths.SharedFixture("tsc_webhook_get.xml"), r => r.ReadWebhooks());
            var w = Assert.Single(list);
            Assert.Equal("webhook-id", w.Id);
            Assert.Equal("DatasourceCreated", w.Event);
            Assert.Equal("webhook-source-event-datasource-created", w.LegacyEventName);
            Assert.Equal("url", w.DestinationUrl);
            Assert.Equal("webhook_owner_luid", w.OwnerId);
        }

        [SharedFixtureFact]
        public void WebhookUpdate_reads_enabled_and_reason()
        {
            var w = Docs.Read(Docs.Xml, TestPaths.SharedFixture("tsc_webhook_update.xml"), r => r.ReadWebhook());
            Assert.Equal("webhook-name-updated", w.Name);
            Assert.True(w.Enabled);
            Assert.Equal("", w.StatusChangeReason);
            Assert.Equal("https://updated-url.example.com/hook", w.DestinationUrl);
            Assert.Equal("DatasourceCreated", w.Event);
        }

        [SharedFixtureFact]
        public void WebhookGetNewEvent_maps_webhook_event_prefix_to_AdminPromoted()
        {
            var w = Assert.Single(Docs.Read(Docs.Xml, TestPaths.SharedFixture("tsc_webhook_get_new_event.xml"), r => r.ReadWebhooks()));
            Assert.Equal("webhook-id-2", w.Id);
            Assert.Equal("AdminPromoted", w.Event);
            Assert.Equal("webhook-event-user-promoted-admin", w.LegacyEventName);
            Assert.Equal("https://example.com/hook", w.DestinationUrl);
        }

        [SharedFixtureFact]
        public void CreateRequest_has_the_structure_our_legacy_writer_produces()
        {
            // TSC's body uses a placeholder event; ours must match it element for element once the event is real,
            // in Tableau's JSON mapping of the XML: no tsRequest wrapper, attributes as properties, elements as objects.
            var tsRequest = XElement.Parse(TestPaths.SharedFixture("tsc_webhook_create_request.xml")
                .Replace("webhook-source-event-api-event-name", "webhook-source-event-datasource-created"));
            Assert.Equal("tsRequest", tsRequest.Name.LocalName);
            var expected = new JsonObject();
            foreach (var element in tsRequest.Elements()) expected.Add(element.Name.LocalName, JsonMapping(element));
            var body = new WebhookBody
            {
                Name = "webhook-name",
                Event = WebhookEventCatalog.Find("DatasourceCreated"),
                UseEventAttribute = false,
                DestinationUrl = "url",
            };
            var actual = JsonNode.Parse(JsonRequestWriter.Webhook(body))!;
            Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected.ToJsonString()}, wrote {actual.ToJsonString()}");
        }

        private static JsonObject JsonMapping(XElement element)
        {
            var json = new JsonObject();
            foreach (var attribute in element.Attributes()) json.Add(attribute.Name.LocalName, attribute.Value);
            foreach (var child in element.Elements()) json.Add(child.Name.LocalName, JsonMapping(child));
            return json;
        }
    }
}
