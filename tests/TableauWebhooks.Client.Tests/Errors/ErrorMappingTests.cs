using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Tests.Support;
using Xunit;

namespace TableauWebhooks.Client.Tests.Errors
{
    public class ErrorMappingTests
    {
        private const string WebhookGet = "GET /api/3.28/sites/5f3c8a1e-2b4d-4c6e-8f10-a1b2c3d4e5f6/webhooks/0c6a8f7e-1111-4d7a-9e2b-3c4d5e6f7a8b";
        private const string WebhookList = "GET /api/3.28/sites/5f3c8a1e-2b4d-4c6e-8f10-a1b2c3d4e5f6/webhooks";

        private static string XmlError(string code, string summary = "Summary", string detail = "Detail")
            => $"<?xml version='1.0' encoding='UTF-8'?><tsResponse xmlns=\"http://tableau.com/api\"><error code=\"{code}\"><summary>{summary}</summary><detail>{detail}</detail></error></tsResponse>";

        private static string JsonError(string code, string summary = "Summary", string detail = "Detail")
            => $"{{\"error\":{{\"summary\":\"{summary}\",\"detail\":\"{detail}\",\"code\":\"{code}\"}}}}";

        [Theory]
        [InlineData(401, "401001", WebhookList, TableauErrorKind.Authentication, "SignInFailed")]
        [InlineData(401, "401000", WebhookList, TableauErrorKind.Authentication, "NotAuthenticated")]
        [InlineData(401, "401002", WebhookGet, TableauErrorKind.Authentication, "NotAuthenticated")]
        [InlineData(403, "403000", WebhookList, TableauErrorKind.PermissionDenied, "PermissionDenied")]
        [InlineData(404, "404050", WebhookGet, TableauErrorKind.NotFound, "WebhookNotFound")]
        [InlineData(404, "404003", WebhookGet, TableauErrorKind.NotFound, "UnknownResource")]
        [InlineData(404, "404000", WebhookList, TableauErrorKind.NotFound, "SiteNotFound")]
        [InlineData(404, "404002", "GET /api/3.28/sites/s/users/u", TableauErrorKind.NotFound, "TableauApiError")]
        [InlineData(400, "400113", WebhookGet, TableauErrorKind.InvalidArgument, "WebhookTestRejected")]
        [InlineData(400, "400127", WebhookGet, TableauErrorKind.InvalidArgument, "StatusChangeReasonNotAllowed")]
        [InlineData(400, "400000", WebhookList, TableauErrorKind.InvalidArgument, "BadRequest")]
        [InlineData(409, "409000", WebhookList, TableauErrorKind.Conflict, "TableauApiError")]
        [InlineData(429, "429000", WebhookList, TableauErrorKind.Throttled, "Throttled")]
        [InlineData(500, "500000", WebhookList, TableauErrorKind.ServerError, "ServerError")]
        [InlineData(503, "503000", WebhookList, TableauErrorKind.ServerError, "ServerError")]
        [InlineData(405, "405000", WebhookList, TableauErrorKind.InvalidArgument, "TableauApiError")]
        public void Status_and_code_map_to_kind_and_error_id(int status, string code, string request, TableauErrorKind kind, string errorId)
        {
            foreach (var (contentType, body) in new[] { (Docs.Xml, XmlError(code)), (Docs.Json, JsonError(code)) })
            {
                var ex = Docs.Error(status, contentType, body, request);
                Assert.Equal(kind, ex.Kind);
                Assert.Equal(errorId, ex.ErrorId);
                Assert.Equal(status, ex.HttpStatus);
                Assert.Equal(code, ex.Code);
                Assert.Equal("Summary", ex.Summary);
                Assert.Equal("Detail", ex.Detail);
                Assert.Equal(request, ex.Request);
                Assert.StartsWith($"Summary: Detail ({code})", ex.Message);
            }
        }

        [Fact]
        public void PermissionDenied_explains_who_may_manage_webhooks()
        {
            var ex = Docs.Error(403, Docs.Xml, TestPaths.OwnData("error_403.xml"), WebhookList);
            Assert.Contains("server and site administrators", ex.Message);
            Assert.Equal("403000", ex.Code);
        }

        [Fact]
        public void Json_error_with_numeric_code()
        {
            var ex = Docs.Error(500, Docs.Json, TestPaths.OwnData("error_500_numeric_code.json"), WebhookList);
            Assert.Equal("500000", ex.Code);
            Assert.Equal("ServerError", ex.ErrorId);
            Assert.Equal("Internal Server Error", ex.Summary);
        }

        [Fact]
        public void Json_404003_from_the_webhooks_preview()
        {
            var ex = Docs.Error(404, Docs.Json, TestPaths.OwnData("error_404003.json"), WebhookGet);
            Assert.Equal("UnknownResource", ex.ErrorId);
            Assert.Contains("/exp/sites/", ex.Detail);
        }

        [Fact]
        public void Throttled_mentions_retry_after()
        {
            var ex = Docs.Error(429, Docs.Json, JsonError("429000", "Too Many Requests", "Please retry after 29 minutes."), WebhookList, "120");
            Assert.Contains("asked to wait 120 seconds", ex.Message);
        }

        [Fact]
        public void Error_status_without_error_element_is_InvalidResponse()
        {
            var ex = Docs.Error(500, Docs.Xml, "<tsResponse xmlns=\"http://tableau.com/api\"/>", WebhookList);
            Assert.Equal(TableauErrorKind.InvalidResponse, ex.Kind);
            Assert.Equal(500, ex.HttpStatus);
            Assert.Contains("no error element", ex.Message);
        }

        [Fact]
        public void Empty_error_body_is_InvalidResponse()
        {
            var ex = Docs.Error(502, "", "", WebhookList);
            Assert.Equal("InvalidResponse", ex.ErrorId);
            Assert.Contains("empty", ex.Message);
        }
    }
}
