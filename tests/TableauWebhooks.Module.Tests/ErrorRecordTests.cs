using System;
using System.Linq;
using System.Management.Automation;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>Each failure is an ErrorRecord with a stable id, the right category, the input as target and a useful message.</summary>
    public sealed class ErrorRecordTests : ModuleScope
    {
        [Fact]
        public void Unknown_event_is_rejected_with_a_specific_error()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var error = Run("New-TableauWebhook -Name 'x' -Event 'DatasourceExploded' -DestinationUrl ($Receiver + 'x')")
                .AssertSingleError("UnknownWebhookEvent", ErrorCategory.InvalidArgument, "x");
            Assert.Contains("DatasourceExploded", error.Exception.Message);
            Assert.Empty(Simulator.State.Webhooks);
        }

        [Fact]
        public void Http_destination_is_rejected_with_a_specific_error()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var error = Run("New-TableauWebhook -Name 'plain' -Event WorkbookCreated -DestinationUrl 'http://example.com/hook'")
                .AssertSingleError("InsecureDestinationUrl", ErrorCategory.InvalidArgument, "plain");
            Assert.Contains("https://", error.Exception.Message);
            Assert.Empty(Simulator.State.Webhooks);
        }

        [Fact]
        public void Unknown_id_is_reported_as_not_found_with_the_id_as_target()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var id = Guid.NewGuid();
            foreach (var command in new[] { "Get-TableauWebhook -Id $args[0]", "Remove-TableauWebhook -Id $args[0]", "Set-TableauWebhook -Id $args[0] -NewName n", "Test-TableauWebhook -Id $args[0]" })
            {
                var error = Run(command, id).AssertSingleError("WebhookNotFound", ErrorCategory.ObjectNotFound, id);
                var tableau = error.TableauException();
                Assert.Equal(404, tableau.Property<int>("HttpStatus"));
                Assert.StartsWith("404", tableau.Property<string>("Code"));
                Assert.Equal($"Webhook {id}: {error.Exception.Message}", error.ErrorDetails!.Message);
                Assert.Equal($"Webhook {id}: {error.Exception.Message}", error.ToString());
                Assert.StartsWith("Resource Not Found: ", error.Exception.Message);
                Assert.Contains("Get-TableauWebhook", error.ErrorDetails.RecommendedAction);
            }
        }

        [Fact]
        public void Piped_rows_are_named_by_their_webhook_or_without_a_name_by_their_row_in_input_order()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            // As Import-Csv gives them: all strings, and $null for the fields a short row lacks.
            var result = Run(@"
@(
    [pscustomobject]@{ Name = 'good'; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + 'good' }
    [pscustomobject]@{ Name = ''; Event = 'WorkbookCreated'; DestinationUrl = $Receiver + 'nameless' }
    [pscustomobject]@{ Name = 'short'; Event = 'ViewDeleted'; DestinationUrl = $null }
    [pscustomobject]@{ Name = $null; Event = $null; DestinationUrl = $null }
    [pscustomobject]@{ Name = 'unknown-event'; Event = 'Nope'; DestinationUrl = $Receiver + 'x' }
) | New-TableauWebhook -ThrottleLimit 3");

            Assert.Equal("good", Assert.Single(result.Output).Property<string>("Name"));
            var errors = result.AllErrors.ToList();
            Assert.Equal(new[] { "InvalidWebhookName", "InvalidDestinationUrl", "InvalidWebhookName", "UnknownWebhookEvent" },
                errors.Select(e => e.FullyQualifiedErrorId.Split(',')[0]));
            Assert.Equal(new[] { "Row 2", "Webhook 'short'", "Row 4", "Webhook 'unknown-event'" },
                errors.Select(e => e.ToString().Substring(0, e.ToString().Length - e.Exception.Message.Length - 2)));
            Assert.All(errors, e => Assert.Equal(ErrorCategory.InvalidArgument, e.CategoryInfo.Category));
            Assert.Equal(new object[] { "", "short", "", "unknown-event" }, errors.Select(e => ScriptResultAssertions.Unwrap(e.TargetObject)));
            Assert.Equal("The webhook name must not be empty or blank.", errors[0].Exception.Message);
            Assert.Equal("Row 2: The webhook name must not be empty or blank.", errors[0].ToString());
            Assert.Equal("Get-TableauWebhookEvent lists every event, in both forms.", errors[3].ErrorDetails!.RecommendedAction);
            Assert.Single(Simulator.State.Webhooks);
        }

        [Fact]
        public void A_single_call_without_a_name_has_no_row_to_name_and_keeps_the_message_as_it_is()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var error = Run("New-TableauWebhook -Name '' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x')")
                .AssertSingleError("InvalidWebhookName", ErrorCategory.InvalidArgument, "");
            Assert.Equal("The webhook name must not be empty or blank.", error.ToString());
            Assert.Null(error.ErrorDetails);
        }

        [Fact]
        public void Piped_webhooks_are_named_by_name_and_id_in_errors_of_every_bulk_cmdlet()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("$global:gone = New-TableauWebhook -Name 'gone' -Event WorkbookCreated -DestinationUrl ($Receiver + 'g'); Remove-TableauWebhook -Id $gone.Id").AssertSucceeded();
            var id = (Guid)Run("$gone.Id").Output.Single().BaseObject;
            foreach (var command in new[] { "Set-TableauWebhook -NewName n", "Enable-TableauWebhook", "Disable-TableauWebhook", "Test-TableauWebhook", "Remove-TableauWebhook" })
            {
                var error = Assert.Single(Run("$gone | " + command).AllErrors);
                Assert.Equal($"Webhook 'gone' ({id}): {error.Exception.Message}", error.ToString());
                Assert.Equal(id, PSObject.AsPSObject(error.TargetObject).Properties["Id"].Value);
                Assert.StartsWith(error.TableauException().Property<string>("ErrorId") + ",", error.FullyQualifiedErrorId);
            }
        }

        [Fact]
        public void Wrong_password_is_a_terminating_sign_in_error_carrying_Tableau_code()
        {
            var result = Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'wrong')");
            var error = result.AssertSingleError("SignInFailed", ErrorCategory.AuthenticationError, ServerUrl);
            AssertTerminating("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'wrong')");
            var tableau = error.TableauException();
            Assert.Equal("401001", tableau.Property<string>("Code"));
            Assert.Equal(401, tableau.Property<int>("HttpStatus"));
            Assert.False(string.IsNullOrEmpty(tableau.Property<string>("Summary")));
            Assert.Equal("Check the user name and password (or token name and secret) and the site's contentUrl given to -Site.", error.ErrorDetails?.RecommendedAction);
            Assert.DoesNotContain("wrong", error.Exception.Message);
        }

        /// <summary>
        /// A terminating error reaches catch even with -ErrorAction SilentlyContinue; a non-terminating one would not.
        /// </summary>
        private void AssertTerminating(string command)
        {
            var caught = Run("try { " + command + " -ErrorAction SilentlyContinue; 'went on' } catch { 'caught ' + $_.FullyQualifiedErrorId }").Output.Single();
            Assert.StartsWith("caught ", (string)caught.BaseObject);
        }

        [Fact]
        public void Wrong_token_secret_is_a_sign_in_error()
        {
            Run("Connect-TableauServer -Server $Server -PersonalAccessTokenName 'admin-pat' -PersonalAccessTokenSecret (New-TestSecret 'nope')")
                .AssertSingleError("SignInFailed", ErrorCategory.AuthenticationError, ServerUrl);
        }

        [Fact]
        public void Non_admin_is_denied_with_permission_error()
        {
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'viewer' 'viewer')").AssertSucceeded();
            var error = Run("Get-TableauWebhook").AssertSingleError("PermissionDenied", ErrorCategory.PermissionDenied);
            Assert.Contains("administrator", error.ErrorDetails!.RecommendedAction);
        }

        [Fact]
        public void Server_url_without_scheme_is_rejected_before_sending()
        {
            var host = new Uri(ServerUrl).Authority;
            var error = Run("Connect-TableauServer -Server $args[0] -Credential (New-TestCredential 'admin' 'admin')", host)
                .AssertSingleError("InvalidServerUrl", ErrorCategory.InvalidArgument, host);
            Assert.Contains("https://" + host, error.Exception.Message);
            Assert.Empty(Simulator.State.RequestLog);
        }

        [Fact]
        public void No_session_is_a_terminating_error_that_says_to_connect()
        {
            var result = Run("New-TableauWebhook -Name x -Event WorkbookCreated -DestinationUrl 'https://example.com'");
            var error = result.AssertSingleError("TableauSessionNotConnected", ErrorCategory.ConnectionError);
            Assert.Contains("Connect-TableauServer", error.Exception.Message);
            AssertTerminating("New-TableauWebhook -Name x -Event WorkbookCreated -DestinationUrl 'https://example.com'");
        }

        [Fact]
        public void Set_without_changes_is_rejected()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var id = Guid.NewGuid();
            Run("Set-TableauWebhook -Id $args[0]", id).AssertSingleError("NothingToUpdate", ErrorCategory.InvalidArgument, id);
        }

        [Fact]
        public void Failing_destination_is_reported_not_silently_passed()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var result = Run("New-TableauWebhook -Name 'flaky' -Event WorkbookCreated -DestinationUrl ($Receiver + 'status/503/flaky') | Test-TableauWebhook");

            var testResult = Assert.Single(result.Output);
            Assert.Equal(503, testResult.Property<int>("Status"));
            Assert.False(testResult.Property<bool>("Success"));
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("WebhookTestFailed,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.InvalidResult, error.CategoryInfo.Category);
            Assert.Contains("503", error.Exception.Message);
        }

        [Fact]
        public void Unreachable_destination_is_reported_as_a_connection_error()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            // Port 9 (discard) is closed on loopback here: Tableau reports it as a synthesised 408.
            var result = Run("New-TableauWebhook -Name 'gone' -Event WorkbookCreated -DestinationUrl 'https://127.0.0.1:9/hook' | Test-TableauWebhook");

            Assert.Equal(408, Assert.Single(result.Output).Property<int>("Status"));
            var error = Assert.Single(result.Errors);
            Assert.StartsWith("WebhookTestFailed,", error.FullyQualifiedErrorId);
            Assert.Equal(ErrorCategory.ConnectionError, error.CategoryInfo.Category);
        }
    }

    /// <summary>A Tableau Server 2019.4 (REST API 3.6): webhooks exist, Update Webhook does not.</summary>
    public sealed class OldServerErrorTests : ModuleScope
    {
        protected override SimulatorOptions CreateOptions()
        {
            var options = base.CreateOptions();
            options.ProductVersion = "2019.4";
            return options;
        }

        [Fact]
        public void Update_on_a_2019_4_server_names_the_version_needed_and_sends_nothing()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var id = Run("(New-TableauWebhook -Name 'old' -Event DatasourceCreated -DestinationUrl ($Receiver + 'x')).Id").AssertSucceeded().Output.Single().BaseObject;

            foreach (var command in new[] { "Set-TableauWebhook -Id $args[0] -NewName 'new'", "Disable-TableauWebhook -Id $args[0]", "Enable-TableauWebhook -Id $args[0]" })
            {
                var error = Run(command, id).AssertSingleError("ApiVersionNotSupported", ErrorCategory.InvalidOperation, id);
                Assert.Contains("3.8", error.Exception.Message);
            }
            Assert.DoesNotContain(Simulator.State.RequestLog, r => r.Method == "PUT");
        }

        [Fact]
        public void Event_is_sent_in_the_legacy_form_and_shown_in_the_new_form()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var created = Run("New-TableauWebhook -Name 'old' -Event DatasourceRefreshFailed -DestinationUrl ($Receiver + 'x')").AssertSucceeded().Output.Single();

            Assert.Equal(new Version(3, 6), Run("(Get-TableauWebhook).GetSession().ApiVersion").Output.Single().BaseObject);
            Assert.Equal("DatasourceRefreshFailed", created.Property<string>("Event"));
            Assert.Equal("webhook-source-event-datasource-refresh-failed", created.Property<string>("LegacyEventName"));
        }

        [Fact]
        public void Event_too_new_for_the_server_names_the_version_needed()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var error = Run("New-TableauWebhook -Name 'admins' -Event AdminPromoted -DestinationUrl ($Receiver + 'x')")
                .AssertSingleError("EventNotSupportedByServer", ErrorCategory.InvalidOperation, "admins");
            Assert.Contains("3.11", error.Exception.Message);
        }
    }
}
