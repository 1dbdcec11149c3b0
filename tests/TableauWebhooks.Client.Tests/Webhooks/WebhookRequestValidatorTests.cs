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
        public void Bad_destinations(string url, string errorId)
        {
            var ex = CreateFails(r => r.DestinationUrl = url, V328);
            Assert.Equal(errorId, ex.ErrorId);
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
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
