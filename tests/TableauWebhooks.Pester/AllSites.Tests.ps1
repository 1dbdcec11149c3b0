# Get-TableauWebhook -AllSites and Export-TableauWebhook -AllSites/-Site in a real shell, against a simulator with three
# sites: every site's webhooks, each with its site; the session left on the site it started on; a password signing in
# once per other site while a personal access token switches sites in turn; a site that cannot be read as one error;
# webhooks piped on from -AllSites changed on their own site. What each site holds is checked through a separate
# session signed in to that site alone, never through the session under test.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeDiscovery {
    $script:Credentials = @(
        @{ Auth = 'Password' }
        @{ Auth = 'Token' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    # The simulator's seed has the Default site and 'finance'; a third site with a known id is added.
    $script:SiteIds = @{
        ''          = '5f3c8a1e-2b4d-4c6e-8f10-a1b2c3d4e5f6'
        'finance'   = '9d2e7b40-6a1c-4f3e-b5d8-0c1e2f3a4b5c'
        'marketing' = '3b8f2c1d-7e6a-4d5b-9c0f-1a2b3c4d5e6f'
    }
    $script:Simulator = Start-TestSimulator -Arguments @(
        '--Simulator:Sites:0:Name=Marketing', '--Simulator:Sites:0:ContentUrl=marketing', "--Simulator:Sites:0:Id=$($SiteIds['marketing'])")

    # A session on one site only, not the default: the independent view of what that site holds.
    function Connect-OneSite {
        param([string] $Site)
        Connect-TableauServer -Server $Simulator.BaseUrl -Site $Site -Credential (New-TestCredential) -NotDefault -PassThru
    }

    # 'Site/Name' of every webhook each site holds, read site by site through sessions of their own.
    function Get-SiteState {
        param([string[]] $Site = @('', 'finance', 'marketing'), [switch] $Full)
        foreach ($one in $Site) {
            $session = Connect-OneSite $one
            try {
                foreach ($hook in @(Get-TableauWebhook -Session $session)) {
                    if ($Full) { '{0}/{1}|{2}|{3}|{4}' -f $one, $hook.Name, $hook.Event, $hook.DestinationUrl, $hook.Enabled }
                    else { '{0}/{1}' -f $one, $hook.Name }
                }
            }
            finally { Disconnect-TableauServer -Session $session }
        }
    }

    # The session under test, on 'finance' (not the Default site, so "stays where it started" means something).
    function Connect-UnderTest {
        param([string] $Auth, [hashtable] $Extra = @{})
        if ($Auth -eq 'Token') {
            $secret = ConvertTo-SecureString 'admin-pat-secret' -AsPlainText -Force
            Connect-TableauServer -Server $Simulator.BaseUrl -Site 'finance' -PersonalAccessTokenName 'admin-pat' -PersonalAccessTokenSecret $secret @Extra
        }
        else {
            Connect-TableauServer -Server $Simulator.BaseUrl -Site 'finance' -Credential (New-TestCredential) @Extra
        }
    }

    function Get-DefaultSessionSite { @(Get-TableauSession | Where-Object IsDefault)[0].Site }

    function Get-RequestCount { @(Get-TestSimulatorRequest $Simulator).Count }

    function Get-RequestSince {
        param([int] $Start)
        @(Get-TestSimulatorRequest $Simulator) | Select-Object -Skip $Start
    }

    function Disconnect-Everything {
        foreach ($session in @(Get-TableauSession)) { Disconnect-TableauServer -Session $session -ErrorAction SilentlyContinue }
    }

    # Two webhooks on the Default site, one on finance, two on marketing; each destination ends in the webhook's name.
    function Initialize-Sites {
        Reset-TestSimulator $Simulator
        Disconnect-Everything
        $receiver = $Simulator.ReceiverUrl
        $seed = @(
            @{ Site = ''; Name = 'default-alpha'; Event = 'WorkbookCreated'; Disabled = $false }
            @{ Site = ''; Name = 'default-beta'; Event = 'ViewDeleted'; Disabled = $true }
            @{ Site = 'finance'; Name = 'finance-alpha'; Event = 'DatasourceRefreshFailed'; Disabled = $false }
            @{ Site = 'marketing'; Name = 'marketing-alpha'; Event = 'WorkbookDeleted'; Disabled = $false }
            @{ Site = 'marketing'; Name = 'marketing-beta'; Event = 'WorkbookCreated'; Disabled = $false }
        )
        foreach ($site in '', 'finance', 'marketing') {
            $session = Connect-OneSite $site
            try {
                foreach ($hook in @($seed | Where-Object { $_.Site -eq $site })) {
                    $null = New-TableauWebhook -Session $session -Name $hook.Name -Event $hook.Event -DestinationUrl ($receiver + $hook.Name) -Disabled:$hook.Disabled
                }
            }
            finally { Disconnect-TableauServer -Session $session }
        }
    }

    $script:AllSeeded = @('/default-alpha', '/default-beta', 'finance/finance-alpha', 'marketing/marketing-alpha', 'marketing/marketing-beta')
}

AfterAll {
    Disconnect-Everything
    Stop-TestSimulator $Simulator
}

Describe 'Get-TableauWebhook -AllSites with a <Auth>' -ForEach $Credentials {
    BeforeEach {
        Initialize-Sites
    }

    It 'lists the webhooks of every site, each with its site''s contentUrl and id' {
        Connect-UnderTest $Auth
        $hooks = @(Get-TableauWebhook -AllSites -ErrorVariable failures)

        $failures.Count | Should -Be 0
        @($hooks | ForEach-Object { $_.Site + '/' + $_.Name } | Sort-Object) | Should -Be $AllSeeded
        foreach ($hook in $hooks) { $hook.SiteId | Should -Be $SiteIds[$hook.Site] -Because "$($hook.Name) lives on '$($hook.Site)'" }
        ($hooks | Where-Object Name -eq 'default-beta').Enabled | Should -BeFalse
        ($hooks | Where-Object Name -eq 'marketing-alpha').DestinationUrl | Should -Be "$($Simulator.ReceiverUrl)marketing-alpha"
    }

    It 'leaves the default session on the site it started on, and its next command lands there' {
        Connect-UnderTest $Auth
        $null = Get-TableauWebhook -AllSites

        Get-DefaultSessionSite | Should -BeExactly 'finance'
        @(Get-TableauWebhook | ForEach-Object Name) | Should -Be @('finance-alpha')
        @(Get-TableauWebhook -AllSites -Name 'marketing-*' | ForEach-Object Name) | Should -Be @('marketing-alpha', 'marketing-beta')
        Get-DefaultSessionSite | Should -BeExactly 'finance'
    }

    It 'reads the other sites the way its credential allows' {
        Connect-UnderTest $Auth
        $start = Get-RequestCount
        $null = Get-TableauWebhook -AllSites
        $requests = @(Get-RequestSince $start)

        $signIns = @($requests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/auth/signin' })
        $switches = @($requests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/auth/switchSite' })
        foreach ($site in $SiteIds.Keys) {
            @($requests | Where-Object { $_.method -eq 'GET' -and $_.path -like "*/sites/$($SiteIds[$site])/webhooks" -and $_.statusCode -eq 200 }).Count |
                Should -Be 1 -Because "site '$site' is listed once"
        }
        if ($Auth -eq 'Password') {
            # A sign-in of its own for each of the two other sites, side by side; the session itself never moves.
            $signIns.Count | Should -Be 2
            $switches.Count | Should -Be 0
            # Kept for the session's life: a second walk signs in nowhere.
            $again = Get-RequestCount
            $null = Get-TableauWebhook -AllSites
            @(Get-RequestSince $again | Where-Object { $_.path -like '*/auth/*' }).Count | Should -Be 0
        }
        else {
            # One session at a time: it goes to each other site and back home, and never signs in again.
            $signIns.Count | Should -Be 0
            $switches.Count | Should -BeGreaterOrEqual 3
            @($switches | Where-Object statusCode -ne 200).Count | Should -Be 0
        }
    }

    It 'reports a site that cannot be read as one error, and still lists the other sites' {
        Connect-UnderTest $Auth @{ MaximumRetryCount = 1; RetryIntervalSec = 0.005 }
        # A gateway in front of marketing answers 502 to both attempts at listing its webhooks.
        foreach ($attempt in 1, 2) { Add-TestSimulatorFault $Simulator BadGateway GET "sites/$($SiteIds['marketing'])/webhooks" }

        $hooks = @(Get-TableauWebhook -AllSites -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 1
        $failures[0].ToString() | Should -Match "^Site 'marketing'"
        $failures[0].ToString() | Should -Match '502'
        @($hooks | ForEach-Object { $_.Site + '/' + $_.Name } | Sort-Object) | Should -Be @('/default-alpha', '/default-beta', 'finance/finance-alpha')
        Get-DefaultSessionSite | Should -BeExactly 'finance'
        # Nothing is left broken: the next walk reads every site.
        @(Get-TableauWebhook -AllSites).Count | Should -Be 5
    }

    It 'Set-TableauWebhook changes each piped webhook on its own site' {
        Connect-UnderTest $Auth
        $receiver = $Simulator.ReceiverUrl
        Get-TableauWebhook -AllSites -Name '*-alpha' | ForEach-Object {
            $_ | Set-TableauWebhook -DestinationUrl ('{0}moved/{1}' -f $receiver, $_.Name)
        }

        $state = @(Get-SiteState -Full)
        $state | Should -Contain "/default-alpha|WorkbookCreated|${receiver}moved/default-alpha|True"
        $state | Should -Contain "finance/finance-alpha|DatasourceRefreshFailed|${receiver}moved/finance-alpha|True"
        $state | Should -Contain "marketing/marketing-alpha|WorkbookDeleted|${receiver}moved/marketing-alpha|True"
        $state | Should -Contain "marketing/marketing-beta|WorkbookCreated|${receiver}marketing-beta|True"
        $state.Count | Should -Be 5
        Get-DefaultSessionSite | Should -BeExactly 'finance'
    }

    It 'Disable- and Enable-TableauWebhook act on each piped webhook''s own site' {
        Connect-UnderTest $Auth
        Get-TableauWebhook -AllSites -Name '*-alpha' | Disable-TableauWebhook -Reason 'maintenance' -ThrottleLimit 4

        $state = @(Get-SiteState -Full)
        @($state | Where-Object { $_ -match '-alpha\|.*\|False$' }).Count | Should -Be 3
        $state | Should -Contain "marketing/marketing-beta|WorkbookCreated|$($Simulator.ReceiverUrl)marketing-beta|True"
        @(Get-TableauWebhook -AllSites -Name '*-alpha' | ForEach-Object StatusChangeReason | Sort-Object -Unique) | Should -Be @('maintenance')

        Get-TableauWebhook -AllSites -Enabled $false | Enable-TableauWebhook
        @(Get-SiteState -Full | Where-Object { $_ -match '\|False$' }).Count | Should -Be 0
        Get-DefaultSessionSite | Should -BeExactly 'finance'
    }

    It 'Test-TableauWebhook tests each piped webhook on its own site' {
        Connect-UnderTest $Auth
        $hooks = @(Get-TableauWebhook -AllSites -Name '*-alpha')
        $start = Get-RequestCount
        $null = $hooks | Test-TableauWebhook

        $requests = @(Get-RequestSince $start)
        foreach ($hook in $hooks) {
            @($requests | Where-Object { $_.path -like "*/sites/$($SiteIds[$hook.Site])/webhooks/$($hook.Id)/test" -and $_.statusCode -eq 200 }).Count |
                Should -Be 1 -Because "$($hook.Name) is tested on '$($hook.Site)'"
        }
        $delivered = @(Get-TestSimulatorDelivery $Simulator | ForEach-Object path | Sort-Object)
        $delivered | Should -Be @('/hooks/default-alpha', '/hooks/finance-alpha', '/hooks/marketing-alpha')
    }

    It 'Remove-TableauWebhook removes each piped webhook from its own site, and nothing else' {
        Connect-UnderTest $Auth
        Get-TableauWebhook -AllSites -Name '*-alpha' | Remove-TableauWebhook -Confirm:$false

        @(Get-SiteState | Sort-Object) | Should -Be @('/default-beta', 'marketing/marketing-beta')
        Get-DefaultSessionSite | Should -BeExactly 'finance'
    }
}

Describe 'Get-TableauWebhook -AllSites as a user who is not a server administrator' {
    BeforeAll {
        Initialize-Sites
    }

    It 'is one error, since only server administrators can list the sites, and changes nothing' {
        Connect-TableauServer -Server $Simulator.BaseUrl -Site 'finance' -Credential (New-TestCredential 'siteadmin' 'siteadmin')
        $hooks = @(Get-TableauWebhook -AllSites -ErrorVariable failures -ErrorAction SilentlyContinue)

        $hooks.Count | Should -Be 0
        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @('PermissionDenied,TableauWebhooks.Commands.GetTableauWebhookCommand')
        # The site administrator still sees the site they administer.
        @(Get-TableauWebhook | ForEach-Object Name) | Should -Be @('finance-alpha')
    }
}

Describe 'Export-TableauWebhook -AllSites and -Site' {
    BeforeAll {
        Initialize-Sites
        Connect-UnderTest 'Password'
        $script:Ids = @(Get-TableauWebhook -AllSites | ForEach-Object { $_.Id.ToString() })
    }

    It '-AllSites writes every site''s webhooks, sorted by site then name, each naming its site' {
        $text = Export-TableauWebhook -AllSites
        $entries = @((ConvertFrom-Json $text).webhooks)

        @($entries | ForEach-Object { $_.Site + '/' + $_.Name }) | Should -Be $AllSeeded
        $beta = $entries | Where-Object Name -eq 'default-beta'
        $beta.Event | Should -Be 'ViewDeleted'
        $beta.Enabled | Should -BeFalse
        ($entries | Where-Object Name -eq 'marketing-alpha').DestinationUrl | Should -Be "$($Simulator.ReceiverUrl)marketing-alpha"
    }

    It 'writes no ids of webhooks, sites or users' {
        $text = Export-TableauWebhook -AllSites
        $Ids.Count | Should -Be 5
        foreach ($id in @($Ids) + @($SiteIds.Values)) { $text | Should -Not -Match ([regex]::Escape($id)) }
        $text | Should -Not -Match '"\w*Id"|Owner|CreatedAt|Server'
    }

    It 'writes the same document every time, whatever the credential and the order sites are read in' {
        $first = Export-TableauWebhook -AllSites
        Export-TableauWebhook -AllSites -ThrottleLimit 1 | Should -BeExactly $first
        Export-TableauWebhook -Site 'marketing', '', 'finance' | Should -BeExactly $first

        $secret = ConvertTo-SecureString 'admin-pat-secret' -AsPlainText -Force
        $token = Connect-TableauServer -Server $Simulator.BaseUrl -Site 'marketing' -PersonalAccessTokenName 'admin-pat' -PersonalAccessTokenSecret $secret -NotDefault -PassThru
        try {
            Export-TableauWebhook -Session $token -AllSites | Should -BeExactly $first
            $token.Site | Should -BeExactly 'marketing'
        }
        finally { Disconnect-TableauServer -Session $token -ErrorAction SilentlyContinue }
    }

    It '-Site exports only the sites named, in site order' {
        $entries = @((Export-TableauWebhook -Site 'marketing', '' | ConvertFrom-Json).webhooks)
        @($entries | ForEach-Object { $_.Site + '/' + $_.Name }) | Should -Be @('/default-alpha', '/default-beta', 'marketing/marketing-alpha', 'marketing/marketing-beta')

        $finance = @((Export-TableauWebhook -Site 'FINANCE' | ConvertFrom-Json).webhooks)
        @($finance | ForEach-Object { $_.Site + '/' + $_.Name }) | Should -Be @('finance/finance-alpha')
        Get-DefaultSessionSite | Should -BeExactly 'finance'
    }

    It '-Site with a site that does not exist is one error, and the others are exported' {
        $text = Export-TableauWebhook -Site 'finance', 'nowhere' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 1
        $failures[0].ToString() | Should -Match 'nowhere'
        @((ConvertFrom-Json $text).webhooks | ForEach-Object Name) | Should -Be @('finance-alpha')
    }
}

Describe 'A personal access token''s session stopped by Ctrl+C while on another site' {
    BeforeAll {
        Initialize-Sites
    }

    AfterAll {
        $null = Invoke-RestMethod -Method Delete -Uri "$($Simulator.BaseUrl)/_simulator/faults"
    }

    It 'still names its own site, and what names no site goes there' {
        # A runspace of its own, stopped as Ctrl+C stops a command (StopProcessing): EndProcessing, which goes home, never runs.
        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Server)
                    Import-Module $ModulePath
                    $secret = ConvertTo-SecureString 'admin-pat-secret' -AsPlainText -Force
                    Connect-TableauServer -Server $Server -Site 'marketing' -PersonalAccessTokenName 'admin-pat' -PersonalAccessTokenSecret $secret
                }).AddArgument((Get-BuiltModulePath)).AddArgument($Simulator.BaseUrl)
            $null = $ps.Invoke()
            $ps.Commands.Clear()

            # Every request takes 100 ms; the walk reads the Default site, then finance, then marketing, its home.
            $latency = @{ latency = '00:00:00.100' } | ConvertTo-Json
            $null = Invoke-RestMethod -Method Put -Uri "$($Simulator.BaseUrl)/_simulator/faults" -ContentType 'application/json' -Body $latency
            $start = Get-RequestCount
            $null = $ps.AddScript({ Get-TableauWebhook -AllSites -ThrottleLimit 1 })
            $null = $ps.BeginInvoke()
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            do {
                Start-Sleep -Milliseconds 10
                $away = @(Get-RequestSince $start | Where-Object { $_.method -eq 'GET' -and $_.path -like "*/sites/$($SiteIds[''])/webhooks" }).Count -gt 0
            } until ($away -or [DateTime]::UtcNow -gt $deadline)
            $ps.Stop()
            $away | Should -BeTrue
            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $null = Invoke-RestMethod -Method Delete -Uri "$($Simulator.BaseUrl)/_simulator/faults"

            $afterStop = Get-RequestCount
            $ps.Commands.Clear()
            $null = $ps.AddScript({
                    param($Receiver)
                    @(Get-TableauSession | Where-Object IsDefault)[0].Site
                    $row = [pscustomobject]@{ Name = 'row-without-site'; Event = 'WorkbookCreated'; DestinationUrl = "${Receiver}row" }
                    $row | New-TableauWebhook | ForEach-Object { '{0}/{1} created' -f $_.Site, $_.Name }
                    @(Get-TableauSession | Where-Object IsDefault)[0].Site
                }).AddArgument($Simulator.ReceiverUrl)
            $said = @($ps.Invoke())
            $ps.Streams.Error.Count | Should -Be 0 -Because ($ps.Streams.Error | Out-String)

            $said | Should -Be @('marketing', 'marketing/row-without-site created', 'marketing')
            # It had been away, and the stopped command put it back itself (PowerShell disposes a stopped command, and
            # that goes home): the next command needed no switch.
            @(Get-RequestSince $start | Where-Object { $_.path -like '*/auth/switchSite' }).Count | Should -BeGreaterThan 1
            @(Get-RequestSince $afterStop | Where-Object { $_.path -like '*/auth/switchSite' }).Count | Should -Be 0
            @(Get-SiteState | Sort-Object) | Should -Be @($AllSeeded + 'marketing/row-without-site' | Sort-Object)
        }
        finally { $ps.Dispose() }
    }
}
