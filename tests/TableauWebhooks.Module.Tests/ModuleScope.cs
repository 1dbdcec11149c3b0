using System;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;
using Xunit;

namespace TableauWebhooks.Module.Tests
{
    /// <summary>
    /// Per test: a fresh simulator on a free loopback port and a fresh runspace with the built module imported.
    /// The runspace gets $Server and $Receiver, and two helpers that only use what a core runspace has:
    /// New-TestSecret (a SecureString without ConvertTo-SecureString) and Connect-AsAdmin.
    /// </summary>
    public abstract class ModuleScope : IAsyncLifetime
    {
        private const string Helpers = @"
function global:New-TestSecret([string]$Text) { [System.Net.NetworkCredential]::new('', $Text).SecurePassword }
function global:New-TestCredential([string]$User, [string]$Password) { [pscredential]::new($User, (New-TestSecret $Password)) }
function global:Connect-AsAdmin([string]$To = $global:Server, [switch]$PassThru) {
    Connect-TableauServer -Server $To -Credential (New-TestCredential 'admin' 'admin') -PassThru:$PassThru
}";

        protected SimulatorHost Simulator { get; private set; } = null!;
        protected HostedPowerShell Shell { get; private set; } = null!;
        protected string ServerUrl => Simulator.BaseUrl.ToString().TrimEnd('/');
        protected string ReceiverUrl => Simulator.ReceiverBaseUrl.ToString();

        /// <summary>Override to run against another simulated server (product version, lifetime, seed).</summary>
        protected virtual SimulatorOptions CreateOptions() => SimulatorOptions.CreateDefault().WithPatientDelivery();

        public async Task InitializeAsync()
        {
            Simulator = await SimulatorHost.StartAsync(CreateOptions());
            Shell = HostedPowerShell.WithModule();
            Shell.SetVariable("global:Server", ServerUrl);
            Shell.SetVariable("global:Receiver", ReceiverUrl);
            Run(Helpers).AssertSucceeded();
        }

        public async Task DisposeAsync()
        {
            Shell?.Dispose();
            if (Simulator != null) await Simulator.DisposeAsync();
        }

        protected ScriptResult Run(string script, params object?[] arguments) => Shell.Run(script, arguments);
    }
}
