using System;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Two servers at once: -Session picks one, and piped webhooks go back to the server they came from. A webhook piped
    /// with the -Session of another server is refused before anything is sent to either (issue 21, point 4: it used to
    /// send the first server's ids to the second, on its site of the same name).
    /// </summary>
    public sealed class MultiSessionTests : ModuleScope, IAsyncLifetime
    {
        private SimulatorHost _second = null!;

        async Task IAsyncLifetime.InitializeAsync()
        {
            await InitializeAsync();
            _second = await SimulatorHost.StartAsync(SimulatorOptions.CreateDefault().WithPatientDelivery());
            Shell.SetVariable("global:SecondServer", _second.BaseUrl.ToString().TrimEnd('/'));
        }

        async Task IAsyncLifetime.DisposeAsync()
        {
            await DisposeAsync();
            await _second.DisposeAsync();
        }

        [Fact]
        public void Two_simulators_are_managed_side_by_side_through_Session()
        {
            var result = Run(@"
$first = Connect-AsAdmin -PassThru
$second = Connect-AsAdmin -To $SecondServer -PassThru
New-TableauWebhook -Session $first -Name 'on-first' -Event WorkbookCreated -DestinationUrl ($Receiver + '1') | Out-Null
New-TableauWebhook -Name 'on-second' -Event WorkbookDeleted -DestinationUrl ($Receiver + '2') | Out-Null
[pscustomobject]@{
    First  = (Get-TableauWebhook -Session $first).Name
    Second = (Get-TableauWebhook).Name
}").AssertSucceeded();

            var names = result.Output.Single();
            Assert.Equal("on-first", names.Property<string>("First"));
            Assert.Equal("on-second", names.Property<string>("Second"));
            Assert.Equal("on-first", Assert.Single(Simulator.State.Webhooks).Name);
            Assert.Equal("on-second", Assert.Single(_second.State.Webhooks).Name);
        }

        [Fact]
        public void Piped_webhooks_go_back_through_the_session_they_were_read_with()
        {
            Run(@"
$global:first = Connect-AsAdmin -PassThru
New-TableauWebhook -Name 'doomed' -Event WorkbookCreated -DestinationUrl ($Receiver + '1') | Out-Null
Connect-AsAdmin -To $SecondServer
New-TableauWebhook -Name 'survivor' -Event WorkbookCreated -DestinationUrl ($Receiver + '2') | Out-Null").AssertSucceeded();

            // The second server is current now; the piped webhook still carries the first session.
            Run("Get-TableauWebhook -Session $first | Remove-TableauWebhook").AssertSucceeded();

            Assert.Empty(Simulator.State.Webhooks);
            Assert.Equal("survivor", Assert.Single(_second.State.Webhooks).Name);
        }

        // Kills: -Session winning over the piped webhook's own server, which sent dev's ids to prod (a DELETE, PUT or
        // test there), and a refusal that sends a request first.
        [Theory]
        [InlineData("Remove-TableauWebhook -Confirm:$false")]
        [InlineData("Set-TableauWebhook -DestinationUrl ($Receiver + 'moved')")]
        [InlineData("Enable-TableauWebhook")]
        [InlineData("Disable-TableauWebhook -Reason 'crossed'")]
        [InlineData("Test-TableauWebhook")]
        [InlineData("Get-TableauWebhook")]
        public void A_webhook_piped_with_the_Session_of_another_server_is_refused_and_neither_server_is_sent_anything(string command)
        {
            var dev = Run(@"
$global:dev = Connect-AsAdmin -PassThru
$global:prod = Connect-AsAdmin -To $SecondServer -PassThru
New-TableauWebhook -Session $dev -Name 'nightly' -Event WorkbookCreated -DestinationUrl ($Receiver + 'dev')
$null = New-TableauWebhook -Session $prod -Name 'nightly' -Event WorkbookCreated -DestinationUrl ($Receiver + 'prod')").AssertSucceeded().Output.Single();
            var devId = dev.Property<Guid>("Id");
            var devBefore = Simulator.State.Webhooks.Single();
            var prodBefore = _second.State.Webhooks.Single();

            var result = Run($"Get-TableauWebhook -Session $dev | {command} -Session $prod");

            var error = result.AssertSingleError("WebhookFromOtherServer", ErrorCategory.InvalidArgument);
            Assert.Empty(result.Output);
            Assert.Equal(devId, PSObject.AsPSObject(error.TargetObject).Property<Guid>("Id"));
            Assert.Equal($"Webhook 'nightly' ({devId}): it is a webhook of {ServerUrl}, but -Session is signed in to {_second.BaseUrl.ToString().TrimEnd('/')}, " +
                $"so nothing was sent. Its id names a webhook of {ServerUrl} only.", error.ToString());
            Assert.Contains("-LiteralName 'nightly'", error.ErrorDetails.RecommendedAction);

            // Nothing about dev's webhook reached prod, and neither webhook changed or was tested.
            Assert.DoesNotContain(_second.State.RequestLog, r => r.Path.Contains(devId.ToString(), StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(_second.State.RequestLog, RequestLogWait.ActsOnAWebhook);
            Assert.DoesNotContain(Simulator.State.RequestLog, RequestLogWait.ActsOnAWebhook);
            Assert.DoesNotContain(Simulator.State.RequestLog, r => r.Path.Contains(devId.ToString(), StringComparison.OrdinalIgnoreCase));
            Assert.Equal(devBefore, Simulator.State.Webhooks.Single());
            Assert.Equal(prodBefore, _second.State.Webhooks.Single());
            Assert.Empty(Simulator.State.Deliveries);
        }

        // Kills: a comparison of session objects instead of servers (a second session to the same server refused), and
        // a change sent to the -Session's own site rather than the webhook's.
        [Fact]
        public void A_Session_to_another_site_of_the_same_server_is_taken_and_acts_on_the_webhooks_own_site()
        {
            Run(@"
$global:defaultSite = Connect-AsAdmin -PassThru
$global:finance = Connect-TableauServer -Server ($Server + '/#/site/finance/home') -Credential (New-TestCredential 'admin' 'admin') -NotDefault -PassThru
$null = New-TableauWebhook -Session $defaultSite -Name 'on-default' -Event WorkbookCreated -DestinationUrl ($Receiver + 'd')").AssertSucceeded();

            var disabled = Run("Get-TableauWebhook -Session $defaultSite | Disable-TableauWebhook -Session $finance -PassThru").AssertSucceeded().Output.Single();

            Assert.Equal("", disabled.Property<string>("Site"));
            Assert.False(Assert.Single(Simulator.State.WebhooksForSite("")).IsEnabled);
            Assert.Empty(Simulator.State.WebhooksForSite("finance"));
        }
    }
}
