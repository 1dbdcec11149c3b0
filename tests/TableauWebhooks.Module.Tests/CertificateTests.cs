using System.Linq;
using System.Management.Automation;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>A server with a self-signed certificate: refused by default, accepted with -SkipCertificateCheck for that session only.</summary>
    public sealed class CertificateTests : ModuleScope
    {
        protected override SimulatorOptions CreateOptions()
        {
            var options = base.CreateOptions();
            options.ListenUrl = "https://127.0.0.1:0";
            return options;
        }

        [Fact]
        public void Untrusted_certificate_is_refused_unless_skipped_for_that_session()
        {
            Assert.StartsWith("https://", ServerUrl);

            var refused = Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -MaximumRetryCount 0");
            var error = refused.AssertSingleError("ServerUnreachable", ErrorCategory.ConnectionError, ServerUrl);
            Assert.Contains("certificate", error.Exception.Message, System.StringComparison.OrdinalIgnoreCase);

            Run("$global:trusting = Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -SkipCertificateCheck -PassThru; Get-TableauWebhook | Out-Null").AssertSucceeded();

            // The skip belongs to that session, not the process: a new session still checks.
            Run("Connect-TableauServer -Server $Server -Credential (New-TestCredential 'admin' 'admin') -MaximumRetryCount 0")
                .AssertSingleError("ServerUnreachable", ErrorCategory.ConnectionError, ServerUrl);
            Run("Get-TableauWebhook -Session $trusting | Out-Null").AssertSucceeded();
        }
    }
}
