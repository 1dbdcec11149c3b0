# Messages that say what is actually wrong and what to do, for the cases where they used to send an admin the wrong way.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator

    function Get-ClosedPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $port
    }

    # The error a command stops with, or writes first.
    function Get-FirstError([scriptblock] $Command) {
        $caught = $null
        try { & $Command -ErrorAction Stop } catch { $caught = $_ }
        $caught
    }
}

AfterAll {
    Get-TableauSession | Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe 'What a failure says' {
    BeforeEach {
        Get-TableauSession | Disconnect-TableauServer -ErrorAction SilentlyContinue
        Reset-TestSimulator $Simulator
    }

    It 'a -Proxy that nothing listens on is named as the proxy, not as the Tableau server' {
        $port = Get-ClosedPort
        $failure = Get-FirstError { Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) -Proxy "http://127.0.0.1:$port" -MaximumRetryCount 0 }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ServerUnreachable,*'
        $failure.Exception.Message | Should -Match ([regex]::Escape("Could not reach the proxy http://127.0.0.1:$port/"))
        $failure.Exception.Message | Should -Match 'proxy.+may be wrong, or the proxy is down'
    }

    It 'Get-TableauSite refused to a user who is not a server administrator says only server administrators can list sites' {
        Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential -UserName viewer -Password viewer)
        $failure = Get-FirstError { Get-TableauSite }

        $failure.FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
        $failure.ErrorDetails.RecommendedAction | Should -Match 'Only server administrators can list the server''s sites'
        $failure.ErrorDetails.RecommendedAction | Should -Not -Match 'site administrator'
    }

    It 'Switch-TableauSite to a site that does not exist names the site, blames no password, and leaves the session working' {
        Connect-TestSimulator $Simulator
        Switch-TableauSite -Site 'nosuch' -ErrorVariable failures -ErrorAction SilentlyContinue
        $wentOn = $true

        $wentOn | Should -BeTrue
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'SiteNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match "no site with contentUrl 'nosuch'"
        $failures[0].Exception.Message | Should -Match 'stays on the Default site'
        ($failures[0].Exception.Message + $failures[0].ErrorDetails.RecommendedAction) | Should -Not -Match 'password'
        (Get-TableauSession | Where-Object IsDefault).Site | Should -Be ''
        { Get-TableauWebhook -ErrorAction Stop } | Should -Not -Throw
    }

    It 'Test-TableauWebhook to a destination Tableau cannot reach says it could not reach it, not that it answered 408' {
        Connect-TestSimulator $Simulator
        $hook = New-TableauWebhook -Name 'unreachable' -Event WorkbookCreated -DestinationUrl "https://127.0.0.1:$(Get-ClosedPort)/hook"
        $result = $hook | Test-TableauWebhook -ErrorVariable failures -ErrorAction SilentlyContinue

        $result.Status | Should -Be 408
        $failures.Count | Should -Be 1
        $failures[0].Exception.Message | Should -Match "could not reach https://127\.0\.0\.1:\d+/hook \(Tableau reports that as 408\)"
        $failures[0].Exception.Message | Should -Not -Match 'which answered'
    }

    It 'after the default session is disconnected, the error says other sessions are connected and how to pick one' {
        $first = Connect-TestSimulator $Simulator -PassThru
        $null = Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) -Site finance -NotDefault -PassThru
        $null = Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) -NotDefault -PassThru
        Disconnect-TableauServer -Session $first
        $failure = Get-FirstError { Get-TableauWebhook }

        $failure.FullyQualifiedErrorId | Should -BeLike 'TableauSessionNotConnected,*'
        $failure.Exception.Message | Should -Match 'no default session, but 2 other sessions are connected'
        $failure.Exception.Message | Should -Match '-Session'
    }

    It 'an event newer than a pinned -ApiVersion points at the pin, not only at upgrading the server' {
        Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) -ApiVersion 3.8
        $failure = Get-FirstError { New-TableauWebhook -Name 'labels' -Event LabelCreated -DestinationUrl "$($Simulator.ReceiverUrl)labels" }

        $failure.FullyQualifiedErrorId | Should -BeLike 'EventNotSupportedByServer,*'
        $failure.Exception.Message | Should -Match 'this session uses API 3\.8'
        $failure.ErrorDetails.RecommendedAction | Should -Match '-ApiVersion pinned the session'
        @(Get-TestSimulatorRequest $Simulator | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/webhooks' }).Count | Should -Be 0
    }
}
