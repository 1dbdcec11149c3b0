using System;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Client.Webhooks;
using Xunit;

namespace TableauWebhooks.Client.Tests.Webhooks
{
    public class WebhookRequestValidatorTests
    {
        private static readonly Version V36 = new Version(3, 6);
        private static readonly Version V310 = new Version(3, 10);
        private static readonly Version V328 = new Version(3, 28);

        private static WebhookCreateRequest Valid() => new WebhookCreateRequest
        {
            Name = "n", Event = "WorkbookCreated", DestinationUrl = "https://hooks.example.com/x",
        };

        private static TableauException CreateFails(Action<WebhookCreateRequest> change, Version api)
        {
            var request = Valid();
            change(request);
            return Assert.Throws<TableauException>(() => WebhookRequestValidator.ForCreate(request, api));
        }

        [Theory]
        [InlineData("")]
        [InlineData("   ")]
        public void Blank_name(string name)
        {
            var ex = CreateFails(r => r.Name = name, V328);
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
            Assert.Equal("InvalidWebhookName", ex.ErrorId);
        }

        [Fact]
        public void Unknown_event_names_the_event_and_the_two_forms_of_a_real_one()
        {
            var ex = CreateFails(r => r.Event = "WorkbookExploded", V328);
            Assert.Equal("UnknownWebhookEvent", ex.ErrorId);
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
            Assert.Contains("WorkbookExploded", ex.Message);
            Assert.Contains("DatasourceRefreshFailed", ex.Message);
            Assert.Contains("webhook-source-event-datasource-refresh-failed", ex.Message);
            // The pointer to Get-TableauWebhookEvent is the cmdlets' advice (ErrorRecordFactory), not the client's.
            Assert.DoesNotContain("Get-TableauWebhookEvent", ex.Message);
        }

        [Fact]
        public void Event_newer_than_the_server()
        {
            var ex = CreateFails(r => r.Event = "AdminPromoted", V310);
            Assert.Equal(TableauErrorKind.NotSupported, ex.Kind);
            Assert.Equal("EventNotSupportedByServer", ex.ErrorId);
            Assert.Contains("3.11", ex.Message);
            Assert.Contains("2021.1", ex.Message);
            Assert.Contains("3.10", ex.Message);
        }

        [Theory]
        [InlineData("http://hooks.example.com/x", "InsecureDestinationUrl")]
        [InlineData("HTTP://hooks.example.com/x", "InsecureDestinationUrl")]
        [InlineData("/relative/path", "InvalidDestinationUrl")]
        [InlineData("hooks.example.com/x", "InvalidDestinationUrl")]
        [InlineData("ftp://hooks.example.com/x", "InvalidDestinationUrl")]
        [InlineData("https://", "InvalidDestinationUrl")]
        [InlineData("", "InvalidDestinationUrl")]
        [InlineData("https://hooks.example.com/a b", "InvalidDestinationUrl")]
        [InlineData("https://hooks.example.com/a\u00A0b", "InvalidDestinationUrl")]
        [InlineData("https://user:pw@hooks.example.com/x", "InvalidDestinationUrl")]
        [InlineData("https:///x", "InvalidDestinationUrl")]
        public void Bad_destinations(string url, string errorId)
        {
            var ex = CreateFails(r => r.DestinationUrl = url, V328);
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
        }

        // Each refusal names the part that is wrong, with the same words for New, Set, CSV rows and documents
        // (DestinationUrlRule); a URL with user information is shown without it, even where System.Uri cannot read it.
        [Theory]
        [InlineData("https://hooks.example.com/a b", "has a space at character 28", "https://hooks.example.com/a b")]
        [InlineData("https://hooks.example.com/a\tb", "(U+0009) at character 28", "https://hooks.example.com/a?b")]
        [InlineData("https://hooks.example.com/a\u2028b", "(U+2028) at character 28", "https://hooks.example.com/a\u2028b")]
        [InlineData("https://hooks.example.com/\u0000", "(U+0000) at character 27", "https://hooks.example.com/?")]
        [InlineData("https://ops:s3cret@hooks.example.com/x", "has user information", "https://…@hooks.example.com/x")]
        [InlineData("https://ops:s3 cret@hooks.example.com/x", "has user information", "https://…@hooks.example.com/x")]
        [InlineData("ops:s3cret@hooks.example.com/x", "has user information", "…@hooks.example.com/x")]
        [InlineData("https://ops@hooks.example.com/x", "has user information", "https://…@hooks.example.com/x")]
        [InlineData("https://", "has no host", "https://")]
        [InlineData("https:///x", "has no host", "https:///x")]
        [InlineData("ftp://hooks.example.com/x", "uses ftp://", "ftp://hooks.example.com/x")]
        [InlineData("http://hooks.example.com/x", "uses http://", "http://hooks.example.com/x")]
        [InlineData("hooks.example.com/x", "is not an absolute https:// URL", "hooks.example.com/x")]
        public void Destination_refusals_say_which_part_is_wrong(string url, string part, string shown)
        {
            var ex = CreateFails(r => r.DestinationUrl = url, V328);
            Assert.StartsWith($"The destination URL '{shown}' ", ex.Message);
            Assert.Contains(part, ex.Message);
            Assert.DoesNotContain("s3", ex.Message);
            Assert.DoesNotContain("ops", ex.Message);
        }

        [Theory]
        [InlineData("https://hooks.example.com/x?user=a@b#frag")]
        [InlineData("https://hooks.example.com:8443/tableau/%20x")]
        [InlineData("https://[::1]:8443/x")]
        public void Destinations_Tableau_can_call_pass(string url)
        {
            var request = Valid();
            request.DestinationUrl = url;
            Assert.Equal(url, WebhookRequestValidator.ForCreate(request, V328).DestinationUrl);
        }

        [Fact]
        public void Creating_disabled_needs_38()
        {
            var ex = CreateFails(r => r.Enabled = false, V36);
            Assert.Equal(TableauErrorKind.NotSupported, ex.Kind);
            Assert.Equal("ApiVersionNotSupported", ex.ErrorId);
            Assert.Contains("3.8", ex.Message);
            Assert.Contains("2020.2", ex.Message);
            Assert.Contains("3.6", ex.Message);
        }

        [Fact]
        public void Update_needs_38()
        {
            var ex = Assert.Throws<TableauException>(() => WebhookRequestValidator.ForUpdate(new WebhookUpdateRequest { Name = "x" }, V36));
            Assert.Equal("ApiVersionNotSupported", ex.ErrorId);
            Assert.Contains("Updating a webhook", ex.Message);
            Assert.Contains("3.8 (Tableau Server 2020.2)", ex.Message);
            Assert.Contains("API 3.6", ex.Message);
        }

        [Fact]
        public void Empty_update_is_rejected()
        {
            var ex = Assert.Throws<TableauException>(() => WebhookRequestValidator.ForUpdate(new WebhookUpdateRequest(), V328));
            Assert.Equal("EmptyWebhookUpdate", ex.ErrorId);
        }

        [Theory]
        [InlineData("")]
        [InlineData(" ")]
        [InlineData(null)]
        [InlineData("webhook-id")]
        [InlineData("../../users")]
        public void Webhook_ids_must_be_guids(string? id)
        {
            var ex = Assert.Throws<TableauException>(() => WebhookRequestValidator.ValidWebhookId(id));
            Assert.Equal("InvalidWebhookId", ex.ErrorId);
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
        }

        [Fact]
        public void Webhook_id_is_trimmed()
            => Assert.Equal("9f9bcaf8-8c4c-403c-b7e1-10dd85620f00", WebhookRequestValidator.ValidWebhookId(" 9f9bcaf8-8c4c-403c-b7e1-10dd85620f00 "));
    }
}
