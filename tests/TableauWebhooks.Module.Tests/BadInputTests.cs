using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// What an admin gets for each wrong value: a specific ErrorId, the right category and a message that says what to do.
    /// Mistakes detectable on the client send nothing to the server, which the simulator's request log proves.
    /// </summary>
    public sealed class BadInputTests : ModuleScope
    {
        private const string AsAdmin = "Connect-AsAdmin";
        private const string New = "New-TableauWebhook -Name {0} -Event {1} -DestinationUrl {2}";

        private sealed record Case(
            string Setup, string Command, string ErrorId, ErrorCategory Category, string MessageContains,
            bool ClientSide, string? ProductVersion = null, Action<SimulatorHost>? Arrange = null);

        private static string NewHook(string name = "'x'", string ev = "WorkbookCreated", string url = "($Receiver + 'x')") => string.Format(New, name, ev, url);

        private static readonly Dictionary<string, Case> Cases = new Dictionary<string, Case>
        {
            ["empty name"] = new Case(AsAdmin, NewHook(name: "''"), "InvalidWebhookName", ErrorCategory.InvalidArgument, "name", true),
            ["whitespace name"] = new Case(AsAdmin, NewHook(name: "'   '"), "InvalidWebhookName", ErrorCategory.InvalidArgument, "name", true),
            ["unknown event"] = new Case(AsAdmin, NewHook(ev: "WorkbookExploded"), "UnknownWebhookEvent", ErrorCategory.InvalidArgument, "Get-TableauWebhookEvent", true),
            ["empty event"] = new Case(AsAdmin, NewHook(ev: "''"), "UnknownWebhookEvent", ErrorCategory.InvalidArgument, "event", true),
            ["legacy event misspelt"] = new Case(AsAdmin, NewHook(ev: "webhook-source-event-workbook-create"), "UnknownWebhookEvent", ErrorCategory.InvalidArgument, "webhook-source-event-workbook-create", true),
            ["event too new for the server"] = new Case(AsAdmin, NewHook(ev: "AdminPromoted"), "EventNotSupportedByServer", ErrorCategory.InvalidOperation, "3.11", true, ProductVersion: "2020.4"),
            ["event too new, on Set"] = new Case(AsAdmin, "Set-TableauWebhook -Id ([guid]::NewGuid()) -Event AdminDemoted", "EventNotSupportedByServer", ErrorCategory.InvalidOperation, "3.11", true, ProductVersion: "2020.4"),
            ["http destination"] = new Case(AsAdmin, NewHook(url: "'http://hooks.example.com/x'"), "InsecureDestinationUrl", ErrorCategory.InvalidArgument, "https://", true),
            ["relative destination"] = new Case(AsAdmin, NewHook(url: "'/hooks/x'"), "InvalidDestinationUrl", ErrorCategory.InvalidArgument, "https://", true),
            ["destination without scheme"] = new Case(AsAdmin, NewHook(url: "'hooks.example.com/x'"), "InvalidDestinationUrl", ErrorCategory.InvalidArgument, "https://", true),
            ["malformed destination"] = new Case(AsAdmin, NewHook(url: "'https//hooks.example.com'"), "InvalidDestinationUrl", ErrorCategory.InvalidArgument, "https://", true),
            ["empty destination"] = new Case(AsAdmin, NewHook(url: "''"), "InvalidDestinationUrl", ErrorCategory.InvalidArgument, "https://", true),
            ["ftp destination"] = new Case(AsAdmin, NewHook(url: "'ftp://hooks.example.com/x'"), "InvalidDestinationUrl", ErrorCategory.InvalidArgument, "https://", true),
            ["non-GUID id"] = new Case(AsAdmin, "Remove-TableauWebhook -Id 'not-a-guid'", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "'not-a-guid' is not a webhook id", true),
            ["non-GUID id from a CSV row"] = new Case(AsAdmin, "[pscustomobject]@{ Id = '12345' } | Disable-TableauWebhook", "ParameterArgumentTransformationError", ErrorCategory.InvalidData, "not a webhook id", true),
            ["unknown id"] = new Case(AsAdmin, "Get-TableauWebhook -Id ([guid]::NewGuid())", "WebhookNotFound", ErrorCategory.ObjectNotFound, "could not be found", false),
            ["unknown name"] = new Case(AsAdmin, "Get-TableauWebhook -Name 'no-such-hook'", "WebhookNotFound", ErrorCategory.ObjectNotFound, "no-such-hook", false),
            ["unknown event filter"] = new Case(AsAdmin, "Get-TableauWebhook -Event 'Nope'", "UnknownWebhookEvent", ErrorCategory.InvalidArgument, "Get-TableauWebhookEvent", true),
            ["nothing to update"] = new Case(AsAdmin, "Set-TableauWebhook -Id ([guid]::NewGuid())", "NothingToUpdate", ErrorCategory.InvalidArgument, "-NewName, -Event or -DestinationUrl", true),
            ["update on a 2019.4 server"] = new Case(AsAdmin, "Set-TableauWebhook -Id ([guid]::NewGuid()) -NewName 'n'", "ApiVersionNotSupported", ErrorCategory.InvalidOperation, "3.8", true, ProductVersion: "2019.4"),
            ["disabled create on a 2019.4 server"] = new Case(AsAdmin, NewHook() + " -Disabled", "ApiVersionNotSupported", ErrorCategory.InvalidOperation, "3.8", true, ProductVersion: "2019.4"),
            ["unknown site"] = new Case("", "Connect-TableauServer -Server $Server -Site 'nowhere' -Credential (New-TestCredential 'admin' 'admin')", "SignInFailed", ErrorCategory.AuthenticationError, "'nowhere'", false),
            ["wrong password"] = new Case("", "Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'not-it')", "SignInFailed", ErrorCategory.AuthenticationError, "401001", false),
            ["unknown user"] = new Case("", "Connect-TableauServer -Server $Server -Credential (New-TestCredential 'nobody' 'x')", "SignInFailed", ErrorCategory.AuthenticationError, "401001", false),
            ["wrong token secret"] = new Case("", "Connect-TableauServer -Server $Server -PersonalAccessTokenName 'admin-pat' -PersonalAccessTokenSecret (New-TestSecret 'wrong')", "SignInFailed", ErrorCategory.AuthenticationError, "401001", false),
            ["unknown token name"] = new Case("", "Connect-TableauServer -Server $Server -PersonalAccessTokenName 'no-pat' -PersonalAccessTokenSecret (New-TestSecret 'x')", "SignInFailed", ErrorCategory.AuthenticationError, "401001", false),
            ["expired JWT"] = new Case("$global:Jwt = New-TestSecret $ExpiredJwt", "Connect-TableauServer -Server $Server -Jwt $Jwt", "SignInFailed", ErrorCategory.AuthenticationError, "401001", false),
            ["JWT on a 2021.1 server"] = new Case("$global:Jwt = New-TestSecret $ValidJwt", "Connect-TableauServer -Server $Server -Jwt $Jwt", "ApiVersionNotSupported", ErrorCategory.InvalidOperation, "3.17", false, ProductVersion: "2021.1"),
            ["server URL without scheme"] = new Case("", "Connect-TableauServer -Server 'tableau.example.com' -Credential (New-TestCredential 'admin' 'admin')", "InvalidServerUrl", ErrorCategory.InvalidArgument, "https://tableau.example.com", true),
            ["server URL with another scheme"] = new Case("", "Connect-TableauServer -Server 'ftp://tableau.example.com' -Credential (New-TestCredential 'admin' 'admin')", "InvalidServerUrl", ErrorCategory.InvalidArgument, "https://", true),
            ["browser address of another site than -Site"] = new Case("", "Connect-TableauServer -Server ($Server + '/#/site/finance/home') -Site 'marketing' -Credential (New-TestCredential 'admin' 'admin')", "ServerUrlSiteConflict", ErrorCategory.InvalidArgument, "site 'marketing'", true),
            ["page address as the server"] = new Case("", "Connect-TableauServer -Server ($Server + '/t/finance/views/Sales/Overview') -Credential (New-TestCredential 'admin' 'admin')", "InvalidServerUrl", ErrorCategory.InvalidArgument, "the site's contentUrl is 'finance'", true),
            // Sent elsewhere by design: the simulator's log cannot show whether anything was sent, so it is not asked.
            ["unreachable server"] = new Case("", "Connect-TableauServer -Server 'http://127.0.0.1:9' -Credential (New-TestCredential 'admin' 'admin') -MaximumRetryCount 0", "ServerUnreachable", ErrorCategory.ConnectionError, "127.0.0.1:9", false),
            ["empty credential from a wrapper"] = new Case("", "Connect-TableauServer -Server $Server -Credential ([pscredential]::Empty)", "EmptyCredential", ErrorCategory.InvalidArgument, "-Credential (Get-Credential)", true),
            ["credential with an empty password"] = new Case("", "Connect-TableauServer -Server $Server -Credential ([pscredential]::new('admin', [securestring]::new()))", "EmptyCredential", ErrorCategory.InvalidArgument, "empty password", true),
            ["API version above the server"] = new Case("", "Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -ApiVersion 4.0", "ApiVersionNotSupported", ErrorCategory.InvalidOperation, "3.27", false),
            ["server too old for webhooks"] = new Case("", "Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin')", "WebhooksNotSupported", ErrorCategory.InvalidOperation, "2019.4", false, ProductVersion: "2019.3"),
            ["HTML page instead of XML or JSON"] = new Case(AsAdmin, "Get-TableauWebhook", "InvalidResponse", ErrorCategory.InvalidResult, "HTML", false,
                Arrange: s => { for (var i = 0; i < 10; i++) s.EnqueueFault(FaultKind.HtmlPage, "GET", "/webhooks"); }),
            ["empty body"] = new Case(AsAdmin, "Get-TableauWebhook", "InvalidResponse", ErrorCategory.InvalidResult, "empty", false,
                Arrange: s => { for (var i = 0; i < 10; i++) s.EnqueueFault(FaultKind.EmptyBody, "GET", "/webhooks"); }),
            ["throttled past the retries"] = new Case("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -MaximumRetryCount 1 -RetryIntervalSec 0", "Get-TableauWebhook", "Throttled", ErrorCategory.LimitsExceeded, "2 attempts", false,
                Arrange: s => { s.SetFaults(new FaultOptions { RetryAfterSeconds = 0 }); for (var i = 0; i < 5; i++) s.EnqueueFault(FaultKind.Throttle, "GET", "/webhooks"); }),
            ["non-administrator"] = new Case("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'viewer' 'viewer')", NewHook(), "PermissionDenied", ErrorCategory.PermissionDenied, "administrator", false),
            // Connected once, then disconnected: the simulator has seen this runspace, and the command must send nothing.
            ["no session"] = new Case("Connect-AsAdmin; Disconnect-TableauServer", "Get-TableauWebhook", "TableauSessionNotConnected", ErrorCategory.ConnectionError, "Connect-TableauServer", true),
            ["proxy switches that contradict"] = new Case("", "Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -NoProxy -Proxy 'http://127.0.0.1:3128'", "ProxyParametersConflict", ErrorCategory.InvalidArgument, "-NoProxy", true),
        };

        public static TheoryData<string> CaseNames
        {
            get
            {
                var data = new TheoryData<string>();
                foreach (var name in Cases.Keys) data.Add(name);
                return data;
            }
        }

        /// <summary>The README states this number: change both together.</summary>
        public const int CaseCount = 43;

        [Fact]
        public void The_table_has_the_number_of_cases_the_README_states() => Assert.Equal(CaseCount, Cases.Count);

        [Theory]
        [MemberData(nameof(CaseNames))]
        public async System.Threading.Tasks.Task Bad_input_gets_a_specific_error(string caseName)
        {
            var c = Cases[caseName];
            var simulator = Simulator;
            SimulatorHost? own = null;
            if (c.ProductVersion != null)
            {
                var options = CreateOptions();
                options.ProductVersion = c.ProductVersion;
                own = simulator = await SimulatorHost.StartAsync(options);
                Shell.SetVariable("global:Server", own.BaseUrl.ToString().TrimEnd('/'));
            }
            try
            {
                Shell.SetVariable("global:ValidJwt", ConnectedAppJwt.Create(simulator.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5)));
                Shell.SetVariable("global:ExpiredJwt", ConnectedAppJwt.Create(simulator.Options.ConnectedApp, "admin", TimeSpan.FromMinutes(5), DateTimeOffset.UtcNow.AddHours(-1)));
                if (c.Setup.Length > 0) Run(c.Setup).AssertSucceeded();
                c.Arrange?.Invoke(simulator);
                var requestsBefore = simulator.State.RequestLog.Count;

                var error = Run(c.Command).AssertSingleError(c.ErrorId, c.Category);

                var message = (error.ErrorDetails?.Message ?? error.Exception.Message) + " " + error.ErrorDetails?.RecommendedAction;
                Assert.Contains(c.MessageContains, message, StringComparison.OrdinalIgnoreCase);
                if (c.ClientSide)
                    Assert.Equal(requestsBefore, simulator.State.RequestLog.Count);
            }
            finally
            {
                if (own != null) await own.DisposeAsync();
            }
        }
    }
}
