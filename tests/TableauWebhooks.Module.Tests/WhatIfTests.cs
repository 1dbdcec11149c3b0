using System;
using System.Linq;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>-WhatIf says what would happen and changes nothing; -Confirm asks first.</summary>
    public sealed class WhatIfTests : ModuleScope
    {
        [Fact]
        public void New_WhatIf_describes_the_webhook_and_creates_nothing()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var result = Run("New-TableauWebhook -Name 'planned' -Event webhook-source-event-workbook-created -DestinationUrl ($Receiver + 'x') -WhatIf").AssertSucceeded();

            Assert.Empty(result.Output);
            Assert.Contains("What if: Performing the operation \"Create webhook\" on target \"'planned' (WorkbookCreated -> " + ReceiverUrl + "x)", result.HostText);
            Assert.Empty(Simulator.State.Webhooks);
        }

        [Fact]
        public void Change_cmdlets_with_WhatIf_change_nothing()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            var id = Run("(New-TableauWebhook -Name 'kept' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x')).Id").AssertSucceeded().Output.Single().BaseObject;
            var deliveriesBefore = Simulator.State.Deliveries.Count;

            var result = Run(@"
Get-TableauWebhook | Set-TableauWebhook -NewName 'changed' -WhatIf
Get-TableauWebhook | Disable-TableauWebhook -WhatIf
Get-TableauWebhook | Test-TableauWebhook -WhatIf
Get-TableauWebhook | Remove-TableauWebhook -WhatIf").AssertSucceeded();

            Assert.Contains("\"Update webhook (Name = 'changed')\" on target \"'kept' (" + id + ")", result.HostText);
            Assert.Contains("\"Disable webhook\" on target \"'kept'", result.HostText);
            Assert.Contains("\"Send Tableau's test payload to the destination\" on target \"'kept'", result.HostText);
            Assert.Contains("\"Remove webhook\" on target \"'kept'", result.HostText);

            var webhook = Assert.Single(Simulator.State.Webhooks);
            Assert.Equal("kept", webhook.Name);
            Assert.True(webhook.IsEnabled);
            Assert.Equal(deliveriesBefore, Simulator.State.Deliveries.Count);
        }

        [Fact]
        public void Confirm_answered_no_removes_nothing()
        {
            Run("Connect-AsAdmin").AssertSucceeded();
            Run("New-TableauWebhook -Name 'kept' -Event WorkbookCreated -DestinationUrl ($Receiver + 'x') | Out-Null").AssertSucceeded();
            Shell.Host.Capture.ConfirmationAnswer = "&No";

            Run("Get-TableauWebhook | Remove-TableauWebhook -Confirm").AssertSucceeded();

            Assert.Single(Shell.Host.Capture.Prompts);
            Assert.Single(Simulator.State.Webhooks);
        }
    }
}
