using System;
using System.IO;
using System.Management.Automation;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;

namespace TableauWebhooks.Help.Tests
{
    /// <summary>
    /// What every runnable example in the docs may rely on: a fresh simulator; a fresh runspace with the built module
    /// imported and connected as admin to the Default site; $Server, $Credential (admin) and $Receiver (the simulator's
    /// https receiver, ending in /hooks/); the webhooks extract-failed, workbook-published and old-audit (disabled);
    /// hooks.csv (Name,Event,DestinationUrl; two rows) and ids.txt (old-audit's id, with spaces around it, and
    /// workbook-published's, one per line) in the working directory; and Import-Csv, Get-Content and Set-Content shims, since a
    /// hosted runspace has only the core cmdlets.
    /// </summary>
    public sealed class ExampleHarness : IAsyncDisposable
    {
        private const string Setup = @"
function global:Import-Csv {
    param([Parameter(Mandatory = $true, Position = 0)][string] $Path)
    $full = $ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path)
    $lines = @([System.IO.File]::ReadAllLines($full) | Where-Object { $_.Trim().Length -gt 0 })
    $header = $lines[0].Split(',')
    for ($i = 1; $i -lt $lines.Count; $i++) {
        $values = $lines[$i].Split(',')
        $row = [ordered]@{}
        for ($c = 0; $c -lt $header.Count; $c++) { $row[$header[$c].Trim()] = $values[$c].Trim() }
        [pscustomobject]$row
    }
}
function global:Set-Content {
    param([Parameter(Mandatory = $true, Position = 0)][string] $Path, [Parameter(ValueFromPipeline = $true)][string[]] $Value)
    begin { $lines = [System.Collections.Generic.List[string]]::new() }
    process { foreach ($line in $Value) { $lines.Add($line) } }
    end { [System.IO.File]::WriteAllLines($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path), $lines) }
}
function global:Get-Content {
    param([Parameter(Mandatory = $true, Position = 0)][string] $Path)
    [System.IO.File]::ReadAllLines($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath($Path))
}
Connect-TableauServer -Server $Server -Credential $Credential
$null = New-TableauWebhook -Name 'extract-failed' -Event DatasourceRefreshFailed -DestinationUrl ($Receiver + 'alerts')
$null = New-TableauWebhook -Name 'workbook-published' -Event WorkbookCreated -DestinationUrl ($Receiver + 'catalog')
$null = New-TableauWebhook -Name 'old-audit' -Event WorkbookDeleted -DestinationUrl ($Receiver + 'audit') -Disabled
[System.IO.File]::WriteAllLines($ExecutionContext.SessionState.Path.GetUnresolvedProviderPathFromPSPath('ids.txt'),
    [string[]] @(""  $((Get-TableauWebhook -Name 'old-audit').Id) "", ""$((Get-TableauWebhook -Name 'workbook-published').Id)""))
";

        private ExampleHarness(SimulatorHost simulator, HostedPowerShell shell, string directory)
        {
            Simulator = simulator;
            Shell = shell;
            Directory = directory;
        }

        public SimulatorHost Simulator { get; }
        public HostedPowerShell Shell { get; }
        public string Directory { get; }

        public static async Task<ExampleHarness> StartAsync()
        {
            var simulator = await SimulatorHost.StartAsync(SimulatorOptions.CreateDefault().WithPatientDelivery());
            HostedPowerShell? shell = null;
            var directory = Path.Combine(Path.GetTempPath(), "twh-help-" + Guid.NewGuid().ToString("N"));
            try
            {
                System.IO.Directory.CreateDirectory(directory);
                var receiver = simulator.ReceiverBaseUrl.ToString();
                File.WriteAllText(Path.Combine(directory, "hooks.csv"),
                    "Name,Event,DestinationUrl\n" +
                    $"csv-refresh-failed,DatasourceRefreshFailed,{receiver}csv/refresh\n" +
                    $"csv-workbook-deleted,WorkbookDeleted,{receiver}csv/deleted\n");

                shell = HostedPowerShell.WithModule();
                shell.Runspace.SessionStateProxy.Path.SetLocation(directory);
                shell.SetVariable("global:Server", simulator.BaseUrl.ToString().TrimEnd('/'));
                shell.SetVariable("global:Receiver", receiver);
                shell.SetVariable("global:Credential", new PSCredential("admin", new System.Net.NetworkCredential("", "admin").SecurePassword));
                var setup = shell.Run(Setup);
                if (!setup.Succeeded) throw new InvalidOperationException("Example setup failed: " + setup.Describe());
                return new ExampleHarness(simulator, shell, directory);
            }
            catch
            {
                shell?.Dispose();
                await simulator.DisposeAsync();
                TryDelete(directory);
                throw;
            }
        }

        public ScriptResult Run(string script) => Shell.Run(script);

        public async ValueTask DisposeAsync()
        {
            Shell.Dispose();
            await Simulator.DisposeAsync();
            TryDelete(Directory);
        }

        private static void TryDelete(string directory)
        {
            try { System.IO.Directory.Delete(directory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
