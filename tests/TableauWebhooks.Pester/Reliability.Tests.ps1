# Bulk work in real pwsh against a server that misbehaves the way proxies and load balancers do: throttling, 5xx,
# dropped and cleanly closed kept-alive connections, HTML pages, broken bodies, and sessions that expire. Every
# create, disable and remove must be done exactly once, with no error, counted against the simulator's own state.
BeforeDiscovery {
    $script:Runs = @(
        @{ Count = 200; Rate = 0.10; ExpireEvery = 100; Seed = 11 }
        @{ Count = 300; Rate = 0.20; ExpireEvery = 20; Seed = 12 }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
}

Describe 'Bulk create, disable and remove under faults' -ForEach $Runs {
    BeforeAll {
        $script:Simulator = Start-TestSimulator -Arguments @(
            "--Simulator:Faults:FaultRate=$Rate", "--Simulator:Faults:ExpireTokenEveryRequests=$ExpireEvery",
            '--Simulator:Faults:RetryAfterSeconds=0', "--Simulator:Faults:Seed=$Seed")
        Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) -RetryIntervalSec 0.005 -MaximumRetryCount 8
        $script:Rows = 1..$Count | ForEach-Object {
            [pscustomobject]@{ Name = 'bulk-{0:d3}' -f $_; Event = 'WorkbookCreated'; DestinationUrl = "$($Simulator.ReceiverUrl)bulk/$_" }
        }
    }

    AfterAll {
        Disconnect-TableauServer -ErrorAction SilentlyContinue
        Stop-TestSimulator $Simulator
    }

    It '<Count> webhooks at <Rate> faults, sessions expiring every <ExpireEvery> requests: creates each once' {
        $created = @($Rows | New-TableauWebhook -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 0 -Because ($failures | Select-Object -First 3 | Out-String)
        $created.Count | Should -Be $Count
        $onServer = @(Get-TableauWebhook)
        $onServer.Count | Should -Be $Count
        @($onServer | Group-Object Name | Where-Object Count -gt 1).Count | Should -Be 0
    }

    It 'disables half of them, each once' {
        $half = @(Get-TableauWebhook | Sort-Object Name | Select-Object -First ($Count / 2))
        $half | Disable-TableauWebhook -Reason 'soak' -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 0 -Because ($failures | Select-Object -First 3 | Out-String)
        @(Get-TableauWebhook -Enabled $false).Count | Should -Be ($Count / 2)
    }

    It 'removes all of them with no error' {
        Get-TableauWebhook | Remove-TableauWebhook -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 0 -Because ($failures | Select-Object -First 3 | Out-String)
        @(Get-TableauWebhook).Count | Should -Be 0
    }

    It 'met the clean close of a kept-alive connection among its faults' {
        $faults = @(Get-TestSimulatorRequest $Simulator | Where-Object { $_.fault })
        @($faults | Where-Object fault -eq 'CloseAfterActing').Count | Should -BeGreaterThan 0
        @($faults | Where-Object fault -eq 'ExpireToken').Count | Should -BeGreaterThan 0
    }
}
