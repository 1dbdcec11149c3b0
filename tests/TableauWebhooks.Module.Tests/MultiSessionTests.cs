using System.Linq;
using System.Threading.Tasks;
using TableauServer.Simulator;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>Two servers at once: -Session picks one, and piped webhooks go back to the server they came from.</summary>
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
    }
}
