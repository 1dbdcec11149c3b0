using System;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Models;
using Xunit;
using static TableauWebhooks.Client.Tests.Simulator.SimulatorSession;

namespace TableauWebhooks.Client.Tests.Simulator
{
    /// <summary>The client against the Tableau simulator over real HTTP: JSON requests, answers read in JSON and in XML.</summary>
    public class SimulatorLifecycleTests
    {
        private static readonly CancellationToken None = CancellationToken.None;

        [Theory]
        [InlineData(AnswerFormat.Json, SignInMethod.Password)]
        [InlineData(AnswerFormat.Xml, SignInMethod.Password)]
        [InlineData(AnswerFormat.Json, SignInMethod.PersonalAccessToken)]
        [InlineData(AnswerFormat.Xml, SignInMethod.PersonalAccessToken)]
        [InlineData(AnswerFormat.Json, SignInMethod.Jwt)]
        [InlineData(AnswerFormat.Xml, SignInMethod.Jwt)]
        public async Task Full_lifecycle(AnswerFormat answers, SignInMethod method)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await SignInAsync(host, method);
            Assert.True(client.IsSignedIn);
            Assert.Equal("admin", client.UserName);
            Assert.Equal(method.ToString(), client.AuthenticationMethod);
            Assert.Equal(new Version(3, 27), client.ApiVersion);
            Assert.Equal(new Version(3, 27), client.ServerInfo.RestApiVersion);
            Assert.Equal("2025.3.0", client.ServerInfo.ProductVersion);
            Assert.Equal(host.State.Sites.Single(s => s.ContentUrl == "").Id, client.SiteId);
            Assert.Equal(host.State.Users.Single(u => u.Name == "admin").Id, client.UserId);
            Assert.Empty(await client.ListWebhooksAsync(None));

            var destination = new Uri(host.ReceiverBaseUrl, "lifecycle").ToString();
            var created = await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "refresh failed", Event = "webhook-source-event-datasource-refresh-failed", DestinationUrl = destination,
            }, None);
            Assert.True(Guid.TryParse(created.Id, out _));
            Assert.Equal("refresh failed", created.Name);
            Assert.Equal("DatasourceRefreshFailed", created.Event);
            Assert.Equal("webhook-source-event-datasource-refresh-failed", created.LegacyEventName);
            Assert.Equal(destination, created.DestinationUrl);
            Assert.True(created.Enabled);
            Assert.Equal(client.UserId, created.OwnerId);

            var fetched = await client.GetWebhookAsync(created.Id, None);
            Assert.Equal(created.Name, fetched.Name);
            Assert.Equal("DatasourceRefreshFailed", fetched.Event);

            var renamed = await client.UpdateWebhookAsync(created.Id, new WebhookUpdateRequest { Name = "renamed" }, None);
            Assert.Equal("renamed", renamed.Name);
            Assert.Equal("DatasourceRefreshFailed", renamed.Event); // partial update kept the rest
            Assert.Equal(destination, renamed.DestinationUrl);

            var disabled = await client.UpdateWebhookAsync(created.Id, new WebhookUpdateRequest { Enabled = false, StatusChangeReason = "maintenance" }, None);
            Assert.False(disabled.Enabled);
            Assert.Equal("maintenance", disabled.StatusChangeReason);

            var enabled = await client.UpdateWebhookAsync(created.Id, new WebhookUpdateRequest { Enabled = true, Event = "WorkbookCreated" }, None);
            Assert.True(enabled.Enabled);
            Assert.Equal("", enabled.StatusChangeReason);
            Assert.Equal("WorkbookCreated", enabled.Event);

            var listed = Assert.Single(await client.ListWebhooksAsync(None));
            Assert.Equal(created.Id, listed.Id);
            Assert.Equal("renamed", listed.Name);

            var test = await client.TestWebhookAsync(created.Id, None);
            Assert.Equal(created.Id, test.WebhookId);
            Assert.Equal(200, test.DestinationStatus);

            await client.DeleteWebhookAsync(created.Id, None);
            Assert.Empty(host.State.Webhooks);
            var gone = await Assert.ThrowsAsync<TableauException>(() => client.GetWebhookAsync(created.Id, None));
            Assert.Equal("WebhookNotFound", gone.ErrorId);

            await client.SignOutAsync(None);
            Assert.False(client.IsSignedIn);
            Assert.Equal(0, host.State.ActiveSessionCount);
            var after = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(None));
            Assert.Equal("NotAuthenticated", after.ErrorId);
            Assert.Equal("POST", host.State.RequestLog.Last().Method); // the sign-out; nothing after it
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Wrong_password_is_SignInFailed(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            var options = Options(host);
            var ex = await Assert.ThrowsAsync<TableauException>(() => TableauRestClient.SignInAsync(options,
                new Auth.PasswordCredential("admin", Support.Secure.String("not-the-password")), None));
            Assert.Equal(TableauErrorKind.Authentication, ex.Kind);
            Assert.Equal("SignInFailed", ex.ErrorId);
            Assert.Equal("401001", ex.Code);
            Assert.Equal(401, ex.HttpStatus);
            Assert.Equal("POST /api/3.27/auth/signin", ex.Request);
            Assert.DoesNotContain("not-the-password", ex.Message);
            Assert.EndsWith("The sign-in was to site '' (the Default site).", ex.Message);
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Unknown_webhook(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await SignInAsync(host);
            var id = Guid.NewGuid().ToString();

            var get = await Assert.ThrowsAsync<TableauException>(() => client.GetWebhookAsync(id, None));
            Assert.Equal(TableauErrorKind.NotFound, get.Kind);
            Assert.Equal("WebhookNotFound", get.ErrorId);
            Assert.Equal(404, get.HttpStatus);
            Assert.Equal($"GET /api/3.27/sites/{client.SiteId}/webhooks/{id}", get.Request);

            Assert.Equal("WebhookNotFound", (await Assert.ThrowsAsync<TableauException>(() => client.DeleteWebhookAsync(id, None))).ErrorId);
            Assert.Equal("WebhookNotFound", (await Assert.ThrowsAsync<TableauException>(() =>
                client.UpdateWebhookAsync(id, new WebhookUpdateRequest { Name = "x" }, None))).ErrorId);
            var test = await Assert.ThrowsAsync<TableauException>(() => client.TestWebhookAsync(id, None));
            Assert.Equal("WebhookTestRejected", test.ErrorId);
            Assert.Equal("400113", test.Code);
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Tableau_2019_4_gets_legacy_bodies_and_no_update(AnswerFormat answers)
        {
            await using var host = await StartAsync("2019.4", answers);
            using var client = await SignInAsync(host);
            Assert.Equal(new Version(3, 6), client.ApiVersion);

            // Created with the legacy webhook-source element; read back under its new name.
            var created = await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "wb", Event = "WorkbookRefreshSucceeded", DestinationUrl = new Uri(host.ReceiverBaseUrl, "old").ToString(),
            }, None);
            Assert.Equal("WorkbookRefreshSucceeded", created.Event);
            Assert.True(created.Enabled);

            var update = await Assert.ThrowsAsync<TableauException>(() =>
                client.UpdateWebhookAsync(created.Id, new WebhookUpdateRequest { Enabled = false }, None));
            Assert.Equal(TableauErrorKind.NotSupported, update.Kind);
            Assert.Equal("ApiVersionNotSupported", update.ErrorId);
            Assert.Contains("3.8", update.Message);
            Assert.Contains("3.6", update.Message);

            var disabledCreate = await Assert.ThrowsAsync<TableauException>(() => client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "off", Event = "WorkbookCreated", DestinationUrl = new Uri(host.ReceiverBaseUrl, "old").ToString(), Enabled = false,
            }, None));
            Assert.Equal("ApiVersionNotSupported", disabledCreate.ErrorId);

            var adminEvent = await Assert.ThrowsAsync<TableauException>(() => client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "admins", Event = "AdminPromoted", DestinationUrl = new Uri(host.ReceiverBaseUrl, "old").ToString(),
            }, None));
            Assert.Equal("EventNotSupportedByServer", adminEvent.ErrorId);

            Assert.Equal(0, CountRequests(host, "PUT", "/webhooks"));
            Assert.Equal(1, CountRequests(host, "POST", "/webhooks"));
            Assert.Single(host.State.Webhooks);
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Http_destination_is_rejected_without_sending(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await SignInAsync(host);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "plain", Event = "WorkbookCreated", DestinationUrl = "http://hooks.example.com/x",
            }, None));
            Assert.Equal(TableauErrorKind.InvalidArgument, ex.Kind);
            Assert.Equal("InsecureDestinationUrl", ex.ErrorId);
            Assert.Equal(0, CountRequests(host, "POST", "/webhooks"));
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Viewer_is_denied(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await SignInAsync(host, user: "viewer");
            Assert.Equal("viewer", client.UserName);
            var ex = await Assert.ThrowsAsync<TableauException>(() => client.ListWebhooksAsync(None));
            Assert.Equal(TableauErrorKind.PermissionDenied, ex.Kind);
            Assert.Equal("PermissionDenied", ex.ErrorId);
            Assert.Equal(403, ex.HttpStatus);
            Assert.Contains("Only server administrators and site administrators can manage webhooks", ex.Message);
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Test_reports_the_destination_status(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await SignInAsync(host);
            var ok = await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "ok", Event = "DatasourceCreated", DestinationUrl = new Uri(host.ReceiverBaseUrl, "fine").ToString(),
            }, None);
            var failing = await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "failing", Event = "DatasourceCreated", DestinationUrl = new Uri(host.ReceiverBaseUrl, "status/503/broken").ToString(),
            }, None);

            var good = await client.TestWebhookAsync(ok.Id, None);
            Assert.Equal(200, good.DestinationStatus);

            var bad = await client.TestWebhookAsync(failing.Id, None);
            Assert.Equal(failing.Id, bad.WebhookId);
            Assert.Equal(503, bad.DestinationStatus);
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Switch_site(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await SignInAsync(host);
            var defaultSite = client.SiteId;
            var finance = host.State.Sites.Single(s => s.ContentUrl == "finance");

            await client.SwitchSiteAsync("finance", None);
            Assert.Equal(finance.Id, client.SiteId);
            Assert.Equal("finance", client.SiteContentUrl);
            Assert.Equal("admin", client.UserName);
            Assert.True(client.IsSignedIn);

            var created = await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "finance hook", Event = "SiteUpdated", DestinationUrl = new Uri(host.ReceiverBaseUrl, "fin").ToString(),
            }, None);
            Assert.Single(host.State.WebhooksForSite("finance"));
            Assert.Empty(host.State.WebhooksForSite(defaultSite));
            Assert.Contains($"/sites/{finance.Id}/webhooks", host.State.RequestLog.Last(e => e.Method == "POST" && e.Path.EndsWith("/webhooks")).Path);
            Assert.Equal("SiteUpdated", created.Event);

            // Switching to the site the session is already on (403070) changes nothing and is not an error.
            await client.SwitchSiteAsync("finance", None);
            Assert.Equal(finance.Id, client.SiteId);
            Assert.True(client.IsSignedIn);
        }

        [Theory]
        [InlineData(AnswerFormat.Json)]
        [InlineData(AnswerFormat.Xml)]
        public async Task Sign_in_to_a_named_site(AnswerFormat answers)
        {
            await using var host = await StartAsync(answers: answers);
            using var client = await SignInAsync(host, SignInMethod.PersonalAccessToken, site: "finance");
            Assert.Equal("finance", client.SiteContentUrl);
            Assert.Equal(host.State.Sites.Single(s => s.ContentUrl == "finance").Id, client.SiteId);
            Assert.Empty(await client.ListWebhooksAsync(None));
        }

        [Fact]
        public async Task Requested_older_version_sends_legacy_form_to_a_new_server()
        {
            await using var host = await StartAsync(answers: AnswerFormat.Xml);
            var options = Options(host);
            options.ApiVersion = new Version(3, 8);
            using var client = await TableauRestClient.SignInAsync(options, Credential(host, SignInMethod.Password), None);
            Assert.Equal(new Version(3, 8), client.ApiVersion);
            var created = await client.CreateWebhookAsync(new WebhookCreateRequest
            {
                Name = "v38", Event = "ViewDeleted", DestinationUrl = new Uri(host.ReceiverBaseUrl, "v").ToString(), Enabled = false,
            }, None);
            Assert.False(created.Enabled);
            Assert.Equal("ViewDeleted", created.Event);
            Assert.Contains(host.State.RequestLog, e => e.Method == "POST" && e.Path.StartsWith("/api/3.8/sites/"));
        }
    }
}
