# Sync-TableauWebhook in a real shell: webhooks as code. A newcomer exports the webhooks to a file, edits it, previews
# with -WhatIf and applies it; a second run changes nothing. -Prune, names used twice on a site or in the document,
# entries the server refuses, a viewer, a personal access token walking sites, -DestinationUrlMap, -ThrottleLimit,
# Import-Csv rows, a server too old to update webhooks (-Recreate), copying between two servers (-SiteMap), 500 webhooks
# on five sites under injected faults, a sync stopped part-way, and the table a user sees. What each site holds is
# read through a separate session signed in to that site alone, never through the session under test.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ('tw-sync-' + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $Folder
    # The seed's Default site and 'finance', and a third site.
    $script:Simulator = Start-TestSimulator -Arguments @('--Simulator:Sites:0:Name=Marketing', '--Simulator:Sites:0:ContentUrl=marketing')
    $script:Receiver = $Simulator.ReceiverUrl

    function New-DocumentPath { Join-Path $Folder ('webhooks-' + [guid]::NewGuid() + '.json') }

    function New-Entry {
        param([string] $Site, [string] $Name, [string] $Url, [string] $Event = 'WorkbookCreated', [bool] $Enabled = $true)
        [pscustomobject]@{ Site = $Site; Name = $Name; Event = $Event; DestinationUrl = $Url; Enabled = $Enabled }
    }

    function Write-Document {
        param([string] $Path, [object[]] $Entries)
        $json = [pscustomobject]@{ formatVersion = 1; webhooks = @($Entries) } | ConvertTo-Json -Depth 5
        [IO.File]::WriteAllText($Path, $json)
    }

    # One line per webhook, 'site/name|event|destination|enabled', for comparing a document with a server.
    function ConvertTo-StateLine {
        param([Parameter(ValueFromPipeline)] $Entry)
        process { '{0}/{1}|{2}|{3}|{4}' -f $Entry.Site, $Entry.Name, $Entry.Event, $Entry.DestinationUrl, ([bool] $Entry.Enabled) }
    }

    function Read-DocumentState {
        param([string] $Path)
        @((Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json).webhooks | ConvertTo-StateLine | Sort-Object)
    }

    # A session on one site only, not the default: the independent view of what that site holds.
    function Connect-OneSite {
        param($Sim, [string] $Site)
        Connect-TableauServer -Server $Sim.BaseUrl -Site $Site -Credential (New-TestCredential) -NotDefault -PassThru
    }

    function Get-SiteState {
        param($Sim = $Simulator, [string[]] $Site = @('', 'finance', 'marketing'))
        $lines = foreach ($one in $Site) {
            $session = Connect-OneSite $Sim $one
            try { Get-TableauWebhook -Session $session | ForEach-Object { '{0}/{1}|{2}|{3}|{4}' -f $one, $_.Name, $_.Event, $_.DestinationUrl, $_.Enabled } }
            finally { Disconnect-TableauServer -Session $session }
        }
        @($lines | Sort-Object)
    }

    function Add-SiteWebhook {
        param($Sim = $Simulator, [string] $Site, [string] $Name, [string] $Event = 'WorkbookCreated', [string] $Url, [switch] $Disabled, [switch] $AllowDuplicateName)
        $session = Connect-OneSite $Sim $Site
        try { New-TableauWebhook -Session $session -Name $Name -Event $Event -DestinationUrl $Url -Disabled:$Disabled -AllowDuplicateName:$AllowDuplicateName }
        finally { Disconnect-TableauServer -Session $session }
    }

    function Get-RequestCount { param($Sim = $Simulator) @(Get-TestSimulatorRequest $Sim).Count }

    function Get-RequestSince {
        param([int] $Start, $Sim = $Simulator)
        @(Get-TestSimulatorRequest $Sim) | Select-Object -Skip $Start
    }

    # Requests that create, change or remove a webhook.
    function Get-ChangingRequest {
        param([int] $Start, $Sim = $Simulator)
        @(Get-RequestSince $Start $Sim | Where-Object { $_.method -in 'POST', 'PUT', 'DELETE' -and $_.path -match '/webhooks' })
    }

    function Disconnect-Everything {
        foreach ($session in @(Get-TableauSession)) { Disconnect-TableauServer -Session $session -ErrorAction SilentlyContinue }
    }

    function Set-SimulatorFault {
        param($Sim, [hashtable] $Fault)
        $null = Invoke-RestMethod -Method Put -Uri "$($Sim.BaseUrl)/_simulator/faults" -ContentType 'application/json' -Body ($Fault | ConvertTo-Json)
    }

    # 'site/name action outcome' per result, in the order they came.
    function Format-Result {
        param([Parameter(ValueFromPipeline)] $Result)
        process { '{0}/{1} {2} {3}' -f $Result.Site, $Result.Name, $Result.Action, $Result.Outcome }
    }

    # Two webhooks on the Default site (one disabled), one on finance, one on marketing.
    function Initialize-Simulator {
        Reset-TestSimulator $Simulator
        Disconnect-Everything
        $null = Add-SiteWebhook -Site '' -Name 'build-failed' -Event DatasourceRefreshFailed -Url "${Receiver}build-failed"
        $null = Add-SiteWebhook -Site '' -Name 'nightly' -Event WorkbookRefreshFailed -Url "${Receiver}nightly" -Disabled
        $null = Add-SiteWebhook -Site 'finance' -Name 'finance-alerts' -Event DatasourceRefreshFailed -Url "${Receiver}finance-alerts"
        $null = Add-SiteWebhook -Site 'marketing' -Name 'marketing-old' -Url "${Receiver}marketing-old"
    }

    $script:Seeded = @(
        "/build-failed|DatasourceRefreshFailed|${Receiver}build-failed|True"
        "/nightly|WorkbookRefreshFailed|${Receiver}nightly|False"
        "finance/finance-alerts|DatasourceRefreshFailed|${Receiver}finance-alerts|True"
        "marketing/marketing-old|WorkbookCreated|${Receiver}marketing-old|True"
    )

    # What a newcomer does to the exported file: point one webhook elsewhere, turn one off, add one.
    function Edit-ExportedDocument {
        param([string] $Path)
        $document = Get-Content -LiteralPath $Path -Raw | ConvertFrom-Json
        ($document.webhooks | Where-Object Name -eq 'build-failed').DestinationUrl = "${Receiver}ci/build-failed"
        ($document.webhooks | Where-Object Name -eq 'finance-alerts').Enabled = $false
        $document.webhooks += [pscustomobject]@{ Site = 'marketing'; Name = 'marketing-new'; Event = 'WorkbookCreated'; DestinationUrl = "${Receiver}marketing-new"; Enabled = $true }
        $document | ConvertTo-Json -Depth 5 | Set-Content -LiteralPath $Path
    }
}

AfterAll {
    Disconnect-Everything
    Stop-TestSimulator $Simulator
    Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Sync-TableauWebhook' {
    BeforeEach {
        Initialize-Simulator
        Connect-TestSimulator $Simulator
        $script:Document = New-DocumentPath
    }

    It 'applies an exported and edited file, and a second run finds everything Unchanged and sends no change' {
        Export-TableauWebhook -AllSites -Path $Document
        Edit-ExportedDocument $Document

        $results = @(Sync-TableauWebhook -Path $Document -ErrorVariable failures)

        $failures.Count | Should -Be 0
        @($results | Format-Result) | Should -Be @(
            '/build-failed Update Done'
            '/nightly Unchanged None'
            'finance/finance-alerts Update Done'
            'marketing/marketing-new Create Done'
            'marketing/marketing-old Unchanged None')
        $update = $results[0]
        @($update.Changes).Count | Should -Be 1
        $update.Changes[0].Field | Should -Be 'DestinationUrl'
        $update.Changes[0].OldValue | Should -Be "${Receiver}build-failed"
        $update.Changes[0].NewValue | Should -Be "${Receiver}ci/build-failed"
        $results[2].Changes[0].Field | Should -Be 'Enabled'
        Get-SiteState | Should -Be (Read-DocumentState $Document)
        $created = Get-TableauWebhook -AllSites -Name 'marketing-new'
        $results[3].Id | Should -Be $created.Id

        $start = Get-RequestCount
        $again = @(Sync-TableauWebhook -Path $Document)
        @($again | ForEach-Object { "$($_.Action) $($_.Outcome)" } | Sort-Object -Unique) | Should -Be @('Unchanged None')
        $again.Count | Should -Be 5
        (Get-ChangingRequest $start).Count | Should -Be 0
    }

    It '-WhatIf prints a "What if:" line per change and the plan table, and sends no change' {
        Export-TableauWebhook -AllSites -Path $Document
        Edit-ExportedDocument $Document
        $previewScript = Join-Path $Folder 'preview.ps1'
        Set-Content -LiteralPath $previewScript -Value @'
param([string] $ModulePath, [string] $Server, [string] $Path)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$credential = New-Object System.Management.Automation.PSCredential ('admin', (ConvertTo-SecureString 'admin' -AsPlainText -Force))
Connect-TableauServer -Server $Server -Credential $credential
Sync-TableauWebhook -Path $Path -WhatIf
'@
        $start = Get-RequestCount

        $child = Invoke-ChildPowerShell -Arguments @('-NonInteractive', '-File', $previewScript, '-ModulePath', (Get-BuiltModulePath), '-Server', $Simulator.BaseUrl, '-Path', $Document)

        $child.ExitCode | Should -Be 0 -Because $child.StdErr
        $out = $child.StdOut -replace "$([char]27)\[[0-9;?]*[A-Za-z]", ''
        @([regex]::Matches($out, '(?m)^What if: ')).Count | Should -Be 3
        $out | Should -Match ([regex]::Escape("What if: Performing the operation `"Update webhook (DestinationUrl: ${Receiver}build-failed -> ${Receiver}ci/build-failed)`" on target `"'build-failed' on"))
        $out | Should -Match ([regex]::Escape("What if: Performing the operation `"Update webhook (Enabled: True -> False)`" on target `"'finance-alerts' on"))
        $out | Should -Match ([regex]::Escape("What if: Performing the operation `"Create webhook (WorkbookCreated -> ${Receiver}marketing-new)`" on target `"'marketing-new' on"))
        $out | Should -Match 'Name\s+Action\s+Outcome\s+Detail'
        $out | Should -Match '(?m)^build-failed\s+Update\s+WhatIf\s+DestinationUrl: '
        $out | Should -Match '(?m)^nightly\s+Unchanged\s*$'
        $out | Should -Match '(?m)^marketing-new\s+Create\s+WhatIf\s+WorkbookCreated -> '
        (Get-ChangingRequest $start).Count | Should -Be 0
        Get-SiteState | Should -Be $Seeded
    }

    It 'removes nothing without -Prune; with it, only what is not listed, on the sites the document lists' {
        $null = Add-SiteWebhook -Site 'finance' -Name 'finance-extra' -Url "${Receiver}finance-extra"
        # A version 1 document: it speaks for the sites of its entries, the Default site and finance; marketing is not mentioned.
        Write-Document $Document @(
            New-Entry '' 'build-failed' "${Receiver}build-failed" -Event DatasourceRefreshFailed
            New-Entry 'finance' 'finance-alerts' "${Receiver}finance-alerts" -Event DatasourceRefreshFailed
        )

        $results = @(Sync-TableauWebhook -Path $Document -ErrorVariable failures)
        @($results | Format-Result) | Should -Be @('/build-failed Unchanged None', 'finance/finance-alerts Unchanged None')
        $failures.Count | Should -Be 0
        (Get-SiteState).Count | Should -Be 5

        $results = @(Sync-TableauWebhook -Path $Document -Prune)
        @($results | Format-Result) | Should -Be @(
            '/build-failed Unchanged None'
            '/nightly Remove Done'
            'finance/finance-alerts Unchanged None'
            'finance/finance-extra Remove Done')
        Get-SiteState | Should -Be @(
            "/build-failed|DatasourceRefreshFailed|${Receiver}build-failed|True"
            "finance/finance-alerts|DatasourceRefreshFailed|${Receiver}finance-alerts|True"
            "marketing/marketing-old|WorkbookCreated|${Receiver}marketing-old|True")
    }

    # Bug it kills: an entry whose Site was not text was reported and the rest applied, and -Prune went on for the
    # entries that could be read; a document half read must change nothing.
    It 'refuses a document with an entry whose Site is not text, and changes nothing, -Prune or not' {
        $text = '{ "formatVersion": 1, "webhooks": [ ' +
            '{ "Site": ["finance"], "Name": "misplaced", "Event": "WorkbookCreated", "DestinationUrl": "' + $Receiver + 'misplaced", "Enabled": true }, ' +
            '{ "Site": "finance", "Name": "finance-new", "Event": "DatasourceRefreshFailed", "DestinationUrl": "' + $Receiver + 'finance-new", "Enabled": true } ] }'
        [IO.File]::WriteAllText($Document, $text)
        $start = Get-RequestCount

        $results = @(Sync-TableauWebhook -Path $Document -Prune -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings 3>$null)

        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @('InvalidDocumentValue,TableauWebhooks.Commands.SyncTableauWebhookCommand')
        $failures[0].ToString() | Should -BeExactly "'$Document', line 1, webhooks[0] ('misplaced'): 'Site' is a list, not text (the site's contentUrl; `"`" for the Default site)."
        $failures[0].TargetObject.Index | Should -Be 0
        $failures[0].TargetObject.Key | Should -Be 'Site'
        "$($warnings[0])" | Should -Match '^Nothing was synced and nothing was sent to the server'
        $results.Count | Should -Be 0
        @(Get-RequestSince $start).Count | Should -Be 0
        Get-SiteState | Should -Be $Seeded
    }

    It 'leaves two webhooks with the same name on a site alone and says so, and applies the rest' {
        $null = Add-SiteWebhook -Site 'finance' -Name 'twin' -Url "${Receiver}twin-1"
        $null = Add-SiteWebhook -Site 'finance' -Name 'twin' -Url "${Receiver}twin-2" -AllowDuplicateName
        Write-Document $Document @(
            New-Entry 'finance' 'twin' "${Receiver}twin-3"
            New-Entry 'finance' 'finance-alerts' "${Receiver}finance-alerts" -Event DatasourceRefreshFailed
            New-Entry 'finance' 'finance-new' "${Receiver}finance-new"
        )

        $results = @(Sync-TableauWebhook -Path $Document -Prune -ErrorVariable failures -ErrorAction SilentlyContinue)

        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @('AmbiguousWebhookName,TableauWebhooks.Commands.SyncTableauWebhookCommand')
        $failures[0].ToString() | Should -Match "2 webhooks are named 'twin' on site 'finance'"
        @($results | Format-Result) | Should -Be @('finance/finance-alerts Unchanged None', 'finance/finance-new Create Done', 'finance/twin Skipped None')
        Get-SiteState -Site 'finance' | Should -Be @(
            "finance/finance-alerts|DatasourceRefreshFailed|${Receiver}finance-alerts|True"
            "finance/finance-new|WorkbookCreated|${Receiver}finance-new|True"
            "finance/twin|WorkbookCreated|${Receiver}twin-1|True"
            "finance/twin|WorkbookCreated|${Receiver}twin-2|True")
    }

    It 'refuses a document that names one webhook twice, naming both entries, and applies none of it' {
        Write-Document $Document @(
            New-Entry '' 'build-failed' "${Receiver}one" -Event DatasourceRefreshFailed
            New-Entry '' 'nightly' "${Receiver}nightly" -Event WorkbookRefreshFailed -Enabled $true
            New-Entry '' 'build-failed' "${Receiver}two" -Event DatasourceRefreshFailed
        )
        $start = Get-RequestCount

        $results = @(Sync-TableauWebhook -Path $Document -Prune -ErrorVariable failures -ErrorAction SilentlyContinue 3>$null)

        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @('DuplicateSyncEntry,TableauWebhooks.Commands.SyncTableauWebhookCommand')
        $failures[0].ToString() | Should -Match ([regex]::Escape("'$Document': webhooks[0] (line 4) and webhooks[2] (line 18) both name the webhook 'build-failed' on the Default site."))
        $failures[0].ToString() | Should -Match 'give each webhook its own name'
        $results.Count | Should -Be 0
        @(Get-RequestSince $start).Count | Should -Be 0
        Get-SiteState | Should -Be $Seeded
    }

    It 'refuses a document with an http:// destination, changing nothing; once fixed, a re-run converges' {
        Write-Document $Document @(
            New-Entry '' 'secure-hook' "${Receiver}secure-hook"
            New-Entry '' 'plain-hook' 'http://hooks.example.com/plain-hook'
            New-Entry 'finance' 'finance-alerts' "${Receiver}finance-alerts/v2" -Event DatasourceRefreshFailed
        )
        $start = Get-RequestCount

        $results = @(Sync-TableauWebhook -Path $Document -ErrorVariable failures -ErrorAction SilentlyContinue 3>$null)

        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @('InsecureDestinationUrl,TableauWebhooks.Commands.SyncTableauWebhookCommand')
        $failures[0].ToString() | Should -Match ([regex]::Escape("webhooks[1] ('plain-hook'): 'DestinationUrl' 'http://hooks.example.com/plain-hook' uses http://"))
        $results.Count | Should -Be 0
        (Get-ChangingRequest $start).Count | Should -Be 0
        Get-SiteState | Should -Be $Seeded

        (Get-Content -LiteralPath $Document -Raw).Replace('http://hooks.example.com/plain-hook', "${Receiver}plain-hook") | Set-Content -LiteralPath $Document
        $results = @(Sync-TableauWebhook -Path $Document -ErrorVariable failures)
        $failures.Count | Should -Be 0
        @($results | Format-Result) | Should -Be @('/plain-hook Create Done', '/secure-hook Create Done', 'finance/finance-alerts Update Done')
        $start = Get-RequestCount
        @(Sync-TableauWebhook -Path $Document | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
        (Get-ChangingRequest $start).Count | Should -Be 0
    }

    It 'gives a viewer one error per site and changes nothing; as an administrator the re-run converges' {
        Write-Document $Document @(
            New-Entry '' 'build-failed' "${Receiver}ci/build-failed" -Event DatasourceRefreshFailed
            New-Entry 'finance' 'finance-new' "${Receiver}finance-new"
        )
        Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential 'viewer' 'viewer')
        $start = Get-RequestCount

        $results = @(Sync-TableauWebhook -Path $Document -ErrorVariable failures -ErrorAction SilentlyContinue)

        $results.Count | Should -Be 0
        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @(
            'PermissionDenied,TableauWebhooks.Commands.SyncTableauWebhookCommand', 'PermissionDenied,TableauWebhooks.Commands.SyncTableauWebhookCommand')
        $failures[0].ToString() | Should -Match '^The Default site was not synced'
        $failures[1].ToString() | Should -Match "^Site 'finance' was not synced"
        (Get-ChangingRequest $start).Count | Should -Be 0
        Get-SiteState | Should -Be $Seeded

        Connect-TestSimulator $Simulator
        @(Sync-TableauWebhook -Path $Document | Format-Result) | Should -Be @('/build-failed Update Done', 'finance/finance-new Create Done')
        @(Sync-TableauWebhook -Path $Document | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
    }

    It 'with a personal access token, syncs the sites in turn and leaves the session on its own site' {
        $secret = ConvertTo-SecureString 'admin-pat-secret' -AsPlainText -Force
        Connect-TableauServer -Server $Simulator.BaseUrl -Site 'finance' -PersonalAccessTokenName 'admin-pat' -PersonalAccessTokenSecret $secret
        $entries = @(
            New-Entry '' 'build-failed' "${Receiver}ci/build-failed" -Event DatasourceRefreshFailed
            New-Entry '' 'default-new' "${Receiver}default-new"
            New-Entry 'finance' 'finance-alerts' "${Receiver}finance-alerts" -Event DatasourceRefreshFailed -Enabled $false
            New-Entry 'marketing' 'marketing-old' "${Receiver}marketing-old"
            New-Entry 'marketing' 'marketing-new' "${Receiver}marketing-new" -Event WorkbookDeleted
        )
        Write-Document $Document $entries
        $start = Get-RequestCount

        $results = @(Sync-TableauWebhook -Path $Document -Prune -ThrottleLimit 4 -ErrorVariable failures)

        $failures.Count | Should -Be 0
        @($results | Format-Result) | Should -Be @(
            '/build-failed Update Done', '/default-new Create Done', '/nightly Remove Done', 'finance/finance-alerts Update Done'
            'marketing/marketing-new Create Done', 'marketing/marketing-old Unchanged None')
        $requests = @(Get-RequestSince $start)
        Get-SiteState | Should -Be @($entries | ConvertTo-StateLine | Sort-Object)
        @($requests | Where-Object { $_.path -like '*/auth/signin' }).Count | Should -Be 0
        @($requests | Where-Object { $_.path -like '*/auth/switchSite' }).Count | Should -BeGreaterOrEqual 3
        @(Get-TableauSession | Where-Object IsDefault)[0].Site | Should -BeExactly 'finance'
        @(Get-TableauWebhook | ForEach-Object Name) | Should -Be @('finance-alerts')
    }

    It '-DestinationUrlMap rewrites destinations by prefix, the longest prefix first' {
        Write-Document $Document @(
            New-Entry '' 'general' 'https://hooks-dev.example.com/general'
            New-Entry 'finance' 'finance-alerts' 'https://hooks-dev.example.com/finance/alerts' -Event DatasourceRefreshFailed
            New-Entry 'finance' 'elsewhere' 'https://other.example.com/hook'
        )
        $map = @{ 'https://hooks-dev.example.com/' = 'https://hooks.example.com/'; 'https://hooks-dev.example.com/finance/' = 'https://finance-hooks.example.com/' }

        $results = @(Sync-TableauWebhook -Path $Document -DestinationUrlMap $map)

        @($results | Format-Result) | Should -Be @('/general Create Done', 'finance/elsewhere Create Done', 'finance/finance-alerts Update Done')
        $results[0].DestinationUrl | Should -Be 'https://hooks.example.com/general'
        $state = Get-SiteState -Site '', 'finance'
        $state | Should -Contain '/general|WorkbookCreated|https://hooks.example.com/general|True'
        $state | Should -Contain 'finance/finance-alerts|DatasourceRefreshFailed|https://finance-hooks.example.com/alerts|True'
        $state | Should -Contain 'finance/elsewhere|WorkbookCreated|https://other.example.com/hook|True'
        # The map is applied before comparing: with it nothing differs; without it the document's own URLs are sent.
        @(Sync-TableauWebhook -Path $Document -DestinationUrlMap $map | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
        @(Sync-TableauWebhook -Path $Document | Where-Object Action -ne 'Unchanged' | Format-Result) | Should -Be @('/general Update Done', 'finance/finance-alerts Update Done')
        Get-SiteState -Site 'finance' | Should -Contain 'finance/finance-alerts|DatasourceRefreshFailed|https://hooks-dev.example.com/finance/alerts|True'
    }

    It '-ThrottleLimit sends one change at a time with 1, and several at once with more' {
        # Every request takes 150 ms: one at a time, each create ends at least that long after the one before.
        Set-SimulatorFault $Simulator @{ latency = '00:00:00.150' }
        function Get-CreateEnd {
            param([int] $Start)
            @(Get-ChangingRequest $Start | ForEach-Object { ([DateTimeOffset] $_.time).UtcTicks } | Sort-Object)
        }
        Write-Document $Document @(1..6 | ForEach-Object { New-Entry '' "one-at-a-time-$_" "${Receiver}one/$_" })
        $start = Get-RequestCount
        @(Sync-TableauWebhook -Path $Document -ThrottleLimit 1).Count | Should -Be 6
        $ends = Get-CreateEnd $start
        $ends.Count | Should -Be 6
        for ($i = 1; $i -lt $ends.Count; $i++) { ($ends[$i] - $ends[$i - 1]) / 10000 | Should -BeGreaterThan 120 }

        Write-Document $Document @(1..6 | ForEach-Object { New-Entry 'finance' "side-by-side-$_" "${Receiver}side/$_" })
        $start = Get-RequestCount
        @(Sync-TableauWebhook -Path $Document -ThrottleLimit 6).Count | Should -Be 6
        $ends = Get-CreateEnd $start
        $ends.Count | Should -Be 6
        # One at a time, the last would end at least 5 x 150 ms after the first; side by side they end close together.
        ($ends[5] - $ends[0]) / 10000 | Should -BeLessThan 600
    }

    It 'reads the document from Get-Content lines, from ConvertFrom-Json, and from its list of webhooks' {
        Export-TableauWebhook -AllSites -Path $Document
        $exported = Get-Content -LiteralPath $Document -Raw

        $lines = $exported.Replace("${Receiver}build-failed", "${Receiver}v1") -split "`n"
        @($lines | Sync-TableauWebhook | Where-Object Action -ne 'Unchanged' | Format-Result) | Should -Be @('/build-failed Update Done')

        $document = $exported.Replace("${Receiver}build-failed", "${Receiver}v2") | ConvertFrom-Json
        @($document | Sync-TableauWebhook | Where-Object Action -ne 'Unchanged' | Format-Result) | Should -Be @('/build-failed Update Done')

        $document = $exported.Replace("${Receiver}build-failed", "${Receiver}v3") | ConvertFrom-Json
        $results = @($document.webhooks | Sync-TableauWebhook)
        $results.Count | Should -Be 4
        @($results | Where-Object Action -ne 'Unchanged' | Format-Result) | Should -Be @('/build-failed Update Done')
        Get-SiteState -Site '' | Should -Contain "/build-failed|DatasourceRefreshFailed|${Receiver}v3|True"
    }

    It 'takes Import-Csv rows: Site, Name, Event, DestinationUrl, and Enabled as "True" or "False" in any case' {
        $csv = Join-Path $Folder ('webhooks-' + [guid]::NewGuid() + '.csv')
        Set-Content -LiteralPath $csv -Value @(
            'Site,Name,Event,DestinationUrl,Enabled'
            ",csv-default,WorkbookCreated,${Receiver}csv-default,TRUE"
            "finance,csv-finance,DatasourceRefreshFailed,${Receiver}csv-finance,false"
            "finance,finance-alerts,DatasourceRefreshFailed,${Receiver}finance-alerts,True"
        )

        $results = @(Import-Csv -LiteralPath $csv | Sync-TableauWebhook -ErrorVariable failures)

        $failures.Count | Should -Be 0
        @($results | Format-Result) | Should -Be @('/csv-default Create Done', 'finance/csv-finance Create Done', 'finance/finance-alerts Unchanged None')
        $state = Get-SiteState -Site '', 'finance'
        $state | Should -Contain "/csv-default|WorkbookCreated|${Receiver}csv-default|True"
        $state | Should -Contain "finance/csv-finance|DatasourceRefreshFailed|${Receiver}csv-finance|False"
        @(Import-Csv -LiteralPath $csv | Sync-TableauWebhook | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
    }

    It 'updates a destination that differs only in case (a URL path is case-sensitive), showing both values' {
        Write-Document $Document @(New-Entry '' 'build-failed' "${Receiver}Build-Failed" -Event DatasourceRefreshFailed)

        $results = @(Sync-TableauWebhook -Path $Document -ErrorVariable failures)

        $failures.Count | Should -Be 0
        @($results | Format-Result) | Should -Be @('/build-failed Update Done')
        @($results[0].Changes).Count | Should -Be 1
        $results[0].Changes[0].Field | Should -Be 'DestinationUrl'
        $results[0].Changes[0].OldValue | Should -BeExactly "${Receiver}build-failed"
        $results[0].Changes[0].NewValue | Should -BeExactly "${Receiver}Build-Failed"
        Get-SiteState -Site '' | Should -Contain "/build-failed|DatasourceRefreshFailed|${Receiver}Build-Failed|True"
    }

    It 'shows its results as a table per site: Name, Action, Outcome, Detail' {
        Write-Document $Document @(
            New-Entry '' 'build-failed' "${Receiver}ci/build-failed" -Event DatasourceRefreshFailed
            New-Entry '' 'nightly' "${Receiver}nightly" -Event WorkbookRefreshFailed -Enabled $false
            New-Entry 'finance' 'finance-new' "${Receiver}finance-new" -Event DatasourceRefreshFailed -Enabled $false
        )

        $text = Sync-TableauWebhook -Path $Document | Out-ViewText

        $text | Should -Match '(?m)^\s*Site: Default\s*$'
        $text | Should -Match '(?m)^\s*Site: finance\s*$'
        $text.IndexOf('Site: Default') | Should -BeLessThan $text.IndexOf('Site: finance')
        @([regex]::Matches($text, '(?m)^Name\s+Action\s+Outcome\s+Detail\s*$')).Count | Should -Be 2
        $text | Should -Match ('(?m)^build-failed\s+Update\s+Done\s+' + [regex]::Escape("DestinationUrl: ${Receiver}build-failed -> ${Receiver}ci/build-failed"))
        $text | Should -Match '(?m)^nightly\s+Unchanged\s*$'
        $text | Should -Match ('(?m)^finance-new\s+Create\s+Done\s+' + [regex]::Escape("DatasourceRefreshFailed -> ${Receiver}finance-new (disabled)"))
        $text | Should -Not -Match 'Server|[0-9a-f]{8}-[0-9a-f]{4}-'
    }
}

Describe 'Sync-TableauWebhook reads a document strictly, before it sends anything' {
    BeforeEach {
        Initialize-Simulator
        Connect-TestSimulator $Simulator
        $script:Document = New-DocumentPath
    }

    # The issue's repros: each was read loosely and applied without an error or a warning.
    It 'refuses <Case>, with one <ErrorId> error naming the file, the entry and the key, and changes nothing' -ForEach @(
        @{ Case = 'a typo''d key (Sites)'; ErrorId = 'UnknownDocumentKey'; Key = 'Sites'
            Entry = '{ "Sites": "finance", "Name": "x", "Event": "WorkbookCreated", "DestinationUrl": "https://hooks.example.com/x", "Enabled": true }'
            Expected = "webhooks[1] ('x'): the key 'Sites' is not one of Site, Name, Event, DestinationUrl and Enabled (did you mean 'Site'?)." }
        @{ Case = 'Enable for Enabled'; ErrorId = 'UnknownDocumentKey'; Key = 'Enable'
            Entry = '{ "Site": "", "Name": "nightly", "Event": "WorkbookRefreshFailed", "DestinationUrl": "RECEIVERnightly", "Enable": false }'
            Expected = "webhooks[1] ('nightly'): the key 'Enable' is not one of Site, Name, Event, DestinationUrl and Enabled (did you mean 'Enabled'?)." }
        @{ Case = 'an entry without Site'; ErrorId = 'MissingDocumentKey'; Key = 'Site'
            Entry = '{ "Name": "x", "Event": "WorkbookCreated", "DestinationUrl": "https://hooks.example.com/x", "Enabled": true }'
            Expected = "webhooks[1] ('x'): the key 'Site' is missing (the site's contentUrl; `"`" for the Default site)." }
        @{ Case = 'Enabled as the text "false"'; ErrorId = 'InvalidDocumentValue'; Key = 'Enabled'
            Entry = '{ "Site": "", "Name": "build-failed", "Event": "DatasourceRefreshFailed", "DestinationUrl": "RECEIVERbuild-failed", "Enabled": "false" }'
            Expected = "webhooks[1] ('build-failed'): 'Enabled' is the text `"false`", not true or false (write it without quotes)." }
        @{ Case = 'a trailing comma'; ErrorId = 'NonStandardJson'; Key = $null
            Entry = '{ "Site": "", "Name": "x", "Event": "WorkbookCreated", "DestinationUrl": "https://hooks.example.com/x", "Enabled": true },'
            Expected = ', line 4: a trailing comma (column 122) is not JSON (RFC 8259) and other JSON tools refuse it: remove it.' }
    ) {
        $good = '{ "Site": "", "Name": "build-failed", "Event": "DatasourceRefreshFailed", "DestinationUrl": "RECEIVERci/build-failed", "Enabled": true }'
        $text = "{`n`"formatVersion`": 1, `"webhooks`": [`n$good,`n$Entry`n] }".Replace('RECEIVER', $Receiver)
        [IO.File]::WriteAllText($Document, $text)
        $start = Get-RequestCount

        $results = @(Sync-TableauWebhook -Path $Document -Prune -ErrorVariable failures -ErrorAction SilentlyContinue -WarningVariable warnings 3>$null)

        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @("$ErrorId,TableauWebhooks.Commands.SyncTableauWebhookCommand")
        $failures[0].ToString() | Should -BeLike ("'$Document'*" + [System.Management.Automation.WildcardPattern]::Escape($Expected))
        $failures[0].TargetObject.Path | Should -Be $Document
        $failures[0].TargetObject.Key | Should -Be $Key
        @($warnings).Count | Should -Be 1
        $results.Count | Should -Be 0
        @(Get-RequestSince $start).Count | Should -Be 0
        Get-SiteState | Should -Be $Seeded
    }

    It 'changes nothing on the server when one entry among 100 is refused (the request log shows no POST, PUT or DELETE)' {
        $entries = foreach ($i in 1..100) {
            $key = 'Enabled'
            if ($i -eq 57) { $key = 'Enable' }
            '{ "Site": "", "Name": "hook-' + $i + '", "Event": "WorkbookCreated", "DestinationUrl": "' + $Receiver + $i + '", "' + $key + '": true }'
        }
        [IO.File]::WriteAllText($Document, "{ `"formatVersion`": 2, `"sites`": [`"`", `"finance`"], `"webhooks`": [`n" + ($entries -join ",`n") + "`n] }")
        $start = Get-RequestCount

        $results = @(Sync-TableauWebhook -Path $Document -Prune -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue 3>$null)

        $failures.Count | Should -Be 1
        $failures[0].ToString() | Should -Match ([regex]::Escape("line 58, webhooks[56] ('hook-57'): the key 'Enable'"))
        $results.Count | Should -Be 0
        @(Get-RequestSince $start | Where-Object { $_.method -in 'POST', 'PUT', 'DELETE' }).Count | Should -Be 0
        Get-SiteState | Should -Be $Seeded
    }

    # Bug it kills: ConvertTo-Json wrote "Action": 5, "Outcome": 0, unreadable in a CI log.
    It 'writes Action and Outcome as names with ConvertTo-Json and Export-Csv, and they compare with text' {
        Write-Document $Document @(New-Entry '' 'build-failed' "${Receiver}ci/build-failed" -Event DatasourceRefreshFailed)

        $result = Sync-TableauWebhook -Path $Document

        $json = $result | ConvertTo-Json -Depth 1
        $json | Should -Match '"Action":\s+"Update"'
        $json | Should -Match '"Outcome":\s+"Done"'
        $csv = Join-Path $Folder ('results-' + [guid]::NewGuid() + '.csv')
        $result | Export-Csv -LiteralPath $csv -NoTypeInformation
        $row = Import-Csv -LiteralPath $csv
        $row.Action | Should -BeExactly 'Update'
        $row.Outcome | Should -BeExactly 'Done'
        ($result.Action -eq 'update') | Should -BeTrue
        ($result.Outcome -eq [TableauWebhooks.Sync.SyncOutcome]::Done) | Should -BeTrue
        $result | Out-ViewText | Should -Match '(?m)^build-failed\s+Update\s+Done\s+DestinationUrl: '
    }
}

Describe 'Sync-TableauWebhook on a server that cannot update webhooks (Tableau Server 2020.1, REST API 3.7)' {
    BeforeAll {
        $script:Old = Start-TestSimulator -Arguments @('--Simulator:ProductVersion=2020.1')
        $script:OldReceiver = $Old.ReceiverUrl
    }

    AfterAll {
        Disconnect-Everything
        Stop-TestSimulator $Old
    }

    BeforeEach {
        Reset-TestSimulator $Old
        Disconnect-Everything
        $script:Original = Add-SiteWebhook -Sim $Old -Site 'finance' -Name 'legacy' -Url "${OldReceiver}legacy"
        Connect-TestSimulator $Old -Site 'finance'
        (Get-TableauSession | Where-Object IsDefault).ApiVersion.ToString() | Should -Be '3.7'
        $script:Document = New-DocumentPath
        Write-Document $Document @(
            New-Entry 'finance' 'legacy' "${OldReceiver}legacy/v2"
            New-Entry 'finance' 'added' "${OldReceiver}added" -Event WorkbookDeleted
        )
    }

    It 'reports an event newer than the server as an error for that entry, applies the rest, and converges once fixed' {
        Write-Document $Document @(
            New-Entry 'finance' 'legacy' "${OldReceiver}legacy"
            New-Entry 'finance' 'promotions' "${OldReceiver}promotions" -Event AdminPromoted
            New-Entry 'finance' 'added' "${OldReceiver}added" -Event WorkbookDeleted
        )

        $results = @(Sync-TableauWebhook -Path $Document -ErrorVariable failures -ErrorAction SilentlyContinue)

        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @('EventNotSupportedByServer,TableauWebhooks.Commands.SyncTableauWebhookCommand')
        $failures[0].ToString() | Should -Match "^Webhook 'promotions' on site 'finance': .*AdminPromoted.*3\.11"
        @($results | Format-Result) | Should -Be @('finance/added Create Done', 'finance/legacy Unchanged None', 'finance/promotions Create Failed')

        (Get-Content -LiteralPath $Document -Raw).Replace('"AdminPromoted"', '"WorkbookUpdated"') | Set-Content -LiteralPath $Document
        @(Sync-TableauWebhook -Path $Document | Format-Result) | Should -Be @('finance/added Unchanged None', 'finance/legacy Unchanged None', 'finance/promotions Create Done')
        Get-SiteState -Sim $Old -Site 'finance' | Should -Be (Read-DocumentState $Document)
    }

    It 'skips a change it cannot make, with a warning naming -Recreate, and leaves the webhook as it was' {
        $start = Get-RequestCount $Old

        $results = @(Sync-TableauWebhook -Path $Document -WarningVariable warnings -ErrorVariable failures 3>$null)

        $failures.Count | Should -Be 0
        @($warnings).Count | Should -Be 1
        "$($warnings[0])" | Should -Match "^Webhook 'legacy' on site 'finance' differs \(DestinationUrl: .*\).*REST API 3\.7 cannot update webhooks.*-Recreate"
        @($results | Format-Result) | Should -Be @('finance/added Create Done', 'finance/legacy Skipped None')
        $results[1].Changes[0].Field | Should -Be 'DestinationUrl'
        @(Get-ChangingRequest $start $Old | Where-Object { $_.method -ne 'POST' }).Count | Should -Be 0
        $legacy = @(Get-TableauWebhook -Name 'legacy')
        $legacy.Count | Should -Be 1
        $legacy[0].Id | Should -Be $Original.Id
        $legacy[0].DestinationUrl | Should -Be "${OldReceiver}legacy"
    }

    It '-Recreate makes the change as a new webhook: a new id, the same name, the old one gone' {
        $results = @(Sync-TableauWebhook -Path $Document -Recreate -ErrorVariable failures)

        $failures.Count | Should -Be 0
        @($results | Format-Result) | Should -Be @('finance/added Create Done', 'finance/legacy Recreate Done')
        $legacy = @(Get-TableauWebhook -Name 'legacy')
        $legacy.Count | Should -Be 1
        $legacy[0].Id | Should -Not -Be $Original.Id
        $results[1].Id | Should -Be $legacy[0].Id
        $legacy[0].DestinationUrl | Should -Be "${OldReceiver}legacy/v2"
        { Get-TableauWebhook -Id $Original.Id -ErrorAction Stop } | Should -Throw
        Get-SiteState -Sim $Old -Site 'finance' | Should -Be (Read-DocumentState $Document)
        @(Sync-TableauWebhook -Path $Document -Recreate | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
    }

    It '-Recreate makes the new webhook before it removes the old: when the create is refused, the old one stays and nothing is removed' {
        # No retries, so the one refused create is the create's answer; only 'legacy' in the document, so it is that create.
        Connect-TableauServer -Server $Old.BaseUrl -Site 'finance' -Credential (New-TestCredential) -MaximumRetryCount 0
        Write-Document $Document @(New-Entry 'finance' 'legacy' "${OldReceiver}legacy/v2")
        Add-TestSimulatorFault $Old ServiceUnavailable POST '/webhooks'
        $start = Get-RequestCount $Old

        $results = @(Sync-TableauWebhook -Path $Document -Recreate -ErrorVariable failures -ErrorAction SilentlyContinue)

        @($results | Format-Result) | Should -Be @('finance/legacy Recreate Failed')
        $failures.Count | Should -Be 1
        @(Get-ChangingRequest $start $Old | ForEach-Object { '{0} {1}' -f $_.method, $_.statusCode }) | Should -Be @('POST 503')
        Get-SiteState -Sim $Old -Site 'finance' | Should -Be @("finance/legacy|WorkbookCreated|${OldReceiver}legacy|True")
        (Get-TableauWebhook -Name 'legacy').Id | Should -Be $Original.Id
    }
}

Describe 'Sync-TableauWebhook from one server to another' {
    BeforeAll {
        # Production has a site the development server does not: finance2.
        $script:Prod = Start-TestSimulator -Arguments @('--Simulator:Sites:0:Name=Finance2', '--Simulator:Sites:0:ContentUrl=finance2')
    }

    AfterAll {
        Disconnect-Everything
        Stop-TestSimulator $Prod
    }

    BeforeEach {
        Initialize-Simulator
        Reset-TestSimulator $Prod
        $script:Dev = Connect-OneSite $Simulator ''
        $script:ProdSession = Connect-OneSite $Prod ''
        $script:Document = New-DocumentPath
    }

    It 'Export-TableauWebhook -Session $dev | Sync-TableauWebhook -Session $prod copies the site''s webhooks' {
        $results = @(Export-TableauWebhook -Session $Dev | Sync-TableauWebhook -Session $ProdSession)

        @($results | Format-Result) | Should -Be @('/build-failed Create Done', '/nightly Create Done')
        Get-SiteState -Sim $Prod -Site '' | Should -Be @($Seeded | Where-Object { $_ -like '/*' })
        @(Export-TableauWebhook -Session $Dev | Sync-TableauWebhook -Session $ProdSession | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
    }

    It '-SiteMap puts one site''s webhooks on a site of another name, and -Prune leaves sites the document does not cover alone' {
        $null = Add-SiteWebhook -Sim $Prod -Site 'finance' -Name 'prod-only' -Url "$($Prod.ReceiverUrl)prod-only"
        $null = Add-SiteWebhook -Sim $Prod -Site 'finance2' -Name 'stale' -Url "$($Prod.ReceiverUrl)stale"

        $results = @(Export-TableauWebhook -Session $Dev -Site 'finance' | Sync-TableauWebhook -Session $ProdSession -SiteMap @{ 'finance' = 'finance2' } -Prune)

        @($results | Format-Result) | Should -Be @('finance2/finance-alerts Create Done', 'finance2/stale Remove Done')
        Get-SiteState -Sim $Prod -Site 'finance', 'finance2' | Should -Be @(
            "finance/prod-only|WorkbookCreated|$($Prod.ReceiverUrl)prod-only|True"
            "finance2/finance-alerts|DatasourceRefreshFailed|${Receiver}finance-alerts|True")
    }

    # The issue's round trip: an export of a server with an empty site, synced to another with -Prune, exports the same.
    It 'copies a server with an empty site exactly: export A, sync to B with -Prune, export B gives the same bytes' {
        $financeOfDev = Connect-OneSite $Simulator 'finance'
        Get-TableauWebhook -Session $financeOfDev | Remove-TableauWebhook -Confirm:$false
        Disconnect-TableauServer -Session $financeOfDev
        $null = Add-SiteWebhook -Sim $Prod -Site 'finance' -Name 'prod-only' -Url "$($Prod.ReceiverUrl)prod-only"
        $fromDev = Join-Path $Folder ('dev-' + [guid]::NewGuid() + '.json')
        $fromProd = Join-Path $Folder ('prod-' + [guid]::NewGuid() + '.json')
        Export-TableauWebhook -Session $Dev -Site '', 'finance' -Path $fromDev
        @((Get-Content -LiteralPath $fromDev -Raw | ConvertFrom-Json).sites) | Should -Be @('', 'finance')

        $results = @(Sync-TableauWebhook -Session $ProdSession -Path $fromDev -Prune -ErrorVariable failures)
        Export-TableauWebhook -Session $ProdSession -Site '', 'finance' -Path $fromProd

        $failures.Count | Should -Be 0
        @($results | Format-Result) | Should -Be @('/build-failed Create Done', '/nightly Create Done', 'finance/prod-only Remove Done')
        [System.IO.File]::ReadAllBytes($fromProd) | Should -Be ([System.IO.File]::ReadAllBytes($fromDev))
    }

    # Bug it kills: both were exported and the sync refused both without saying why or what to do; now the export
    # warns with the ids, and the sync refuses the whole document, sends nothing, and names both entries and the fix.
    It 'warns when it exports two webhooks with one name, and a sync of that file sends nothing and says how to fix it' {
        $first = Add-SiteWebhook -Site 'finance' -Name 'twin' -Url "${Receiver}twin-1"
        $second = Add-SiteWebhook -Site 'finance' -Name 'twin' -Url "${Receiver}twin-2" -AllowDuplicateName
        $file = Join-Path $Folder ('twins-' + [guid]::NewGuid() + '.json')

        Export-TableauWebhook -Session $Dev -AllSites -Path $file -WarningVariable warned 3>$null

        @($warned).Count | Should -Be 1
        "$($warned[0])" | Should -Match "^Site 'finance' has 2 webhooks named 'twin' \("
        "$($warned[0])" | Should -Match ([regex]::Escape($first.Id.ToString()))
        "$($warned[0])" | Should -Match ([regex]::Escape($second.Id.ToString()))
        $start = Get-RequestCount $Prod

        $results = @(Sync-TableauWebhook -Session $ProdSession -Path $file -ErrorVariable failures -ErrorAction SilentlyContinue 3>$null)

        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @('DuplicateSyncEntry,TableauWebhooks.Commands.SyncTableauWebhookCommand')
        $failures[0].ToString() | Should -Match "both name the webhook 'twin' on site 'finance'.*rename them there \(Set-TableauWebhook -Id\)"
        $results.Count | Should -Be 0
        @(Get-RequestSince $start $Prod).Count | Should -Be 0
    }

    # Bug it kills: a -SiteMap key that named no site was ignored, and the document landed on its own sites; a
    # -DestinationUrlMap key for one host also rewrote a longer host that began with the same letters.
    It 'refuses a -SiteMap key that is no site of the document, and maps destinations only at a boundary' {
        $start = Get-RequestCount $Prod
        $results = @(Export-TableauWebhook -Session $Dev -Site 'finance' |
            Sync-TableauWebhook -Session $ProdSession -SiteMap @{ 'Finance-typo' = 'finance2' } -ErrorVariable failures -ErrorAction SilentlyContinue 3>$null)
        @($failures | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @('SiteMapKeyNotInDocument,TableauWebhooks.Commands.SyncTableauWebhookCommand')
        "$($failures[0])" | Should -BeExactly "The -SiteMap key 'Finance-typo' names no site of the document; did you mean 'finance'? The document's sites are 'finance'. Nothing was changed."
        $results.Count | Should -Be 0
        @(Get-RequestSince $start $Prod).Count | Should -Be 0

        Write-Document $Document @(
            New-Entry '' 'dev' 'https://hooks-dev.example.com/x'
            New-Entry '' 'community' 'https://hooks-dev.example.community/x'
        )
        $results = @(Sync-TableauWebhook -Session $ProdSession -Path $Document -DestinationUrlMap @{ 'https://hooks-dev.example.com' = 'https://hooks.example.com' } -WhatIf)
        @($results | ForEach-Object { '{0} {1}' -f $_.Name, $_.DestinationUrl }) | Should -Be @(
            'community https://hooks-dev.example.community/x', 'dev https://hooks.example.com/x')
    }

    It 'takes the webhooks Get-TableauWebhook -AllSites writes, with both maps; a site production lacks is one error' {
        $results = @(Get-TableauWebhook -Session $Dev -AllSites |
            Sync-TableauWebhook -Session $ProdSession -SiteMap @{ 'finance' = 'finance2' } -DestinationUrlMap @{ $Receiver = $Prod.ReceiverUrl } -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 1
        $failures[0].ToString() | Should -Match "^Site 'marketing' was not synced"
        @($results | Format-Result) | Should -Be @('/build-failed Create Done', '/nightly Create Done', 'finance2/finance-alerts Create Done')
        $pr = $Prod.ReceiverUrl
        Get-SiteState -Sim $Prod -Site '', 'finance', 'finance2' | Should -Be @(
            "/build-failed|DatasourceRefreshFailed|${pr}build-failed|True"
            "/nightly|WorkbookRefreshFailed|${pr}nightly|False"
            "finance2/finance-alerts|DatasourceRefreshFailed|${pr}finance-alerts|True")
    }
}

Describe 'Sync-TableauWebhook of 500 webhooks on five sites under faults' {
    BeforeAll {
        $script:Faults = @{ faultRate = 0.1; expireTokenEveryRequests = 50; retryAfterSeconds = 0; seed = 21 }
        $script:Busy = Start-TestSimulator -Arguments @(
            '--Simulator:Sites:0:Name=Sales', '--Simulator:Sites:0:ContentUrl=sales'
            '--Simulator:Sites:1:Name=HR', '--Simulator:Sites:1:ContentUrl=hr'
            '--Simulator:Sites:2:Name=Ops', '--Simulator:Sites:2:ContentUrl=ops'
            '--Simulator:Faults:FaultRate=0.1', '--Simulator:Faults:ExpireTokenEveryRequests=50'
            '--Simulator:Faults:RetryAfterSeconds=0', '--Simulator:Faults:Seed=21')
        $script:BusySites = @('', 'finance', 'sales', 'hr', 'ops')
        $busyReceiver = $Busy.ReceiverUrl

        # Per site, 100 webhooks in the document: 1-30 already there as listed, 31-40 there but enabled (listed
        # disabled), 41-50 there with another event, 51-60 there with another destination, 61-100 missing (91-100
        # listed disabled); and 10 on the site the document does not list.
        $entries = New-Object System.Collections.Generic.List[object]
        Invoke-RestMethod -Method Delete -Uri "$($Busy.BaseUrl)/_simulator/faults" | Out-Null
        foreach ($site in $BusySites) {
            $label = $site
            if ($label -eq '') { $label = 'default' }
            $existing = New-Object System.Collections.Generic.List[object]
            foreach ($i in 1..100) {
                $name = 'hook-{0:d3}' -f $i
                $url = '{0}{1}/{2}' -f $busyReceiver, $label, $i
                $event = 'WorkbookCreated'
                $enabled = -not (($i -ge 31 -and $i -le 40) -or $i -ge 91)
                if ($i -ge 41 -and $i -le 50) { $event = 'DatasourceRefreshFailed' }
                if ($i -ge 51 -and $i -le 60) { $url = $url + '/moved' }
                $entries.Add((New-Entry $site $name $url -Event $event -Enabled $enabled))
                if ($i -le 60) { $existing.Add([pscustomobject]@{ Name = $name; Event = 'WorkbookCreated'; DestinationUrl = ('{0}{1}/{2}' -f $busyReceiver, $label, $i) }) }
            }
            foreach ($j in 1..10) { $existing.Add([pscustomobject]@{ Name = ('extra-{0:d2}' -f $j); Event = 'ViewDeleted'; DestinationUrl = "${busyReceiver}extra/$j" }) }
            $session = Connect-OneSite $Busy $site
            $null = $existing | New-TableauWebhook -Session $session -ThrottleLimit 8
            Disconnect-TableauServer -Session $session
        }
        Set-SimulatorFault $Busy $Faults
        $script:Entries = $entries.ToArray()
        $script:BusyDocument = New-DocumentPath
        Write-Document $BusyDocument $Entries

        Connect-TableauServer -Server $Busy.BaseUrl -Credential (New-TestCredential) -RetryIntervalSec 0.005 -MaximumRetryCount 8
        $script:BusySession = @(Get-TableauSession | Where-Object IsDefault)[0]

        # What every site holds, as Export-TableauWebhook -AllSites reads it through the faults.
        function Get-BusyState {
            $text = Export-TableauWebhook -Session $BusySession -AllSites -ErrorVariable exportFailures
            $exportFailures.Count | Should -Be 0
            @((ConvertFrom-Json $text).webhooks | ConvertTo-StateLine)
        }
    }

    AfterAll {
        Disconnect-Everything
        Stop-TestSimulator $Busy
    }

    It 'converges to exactly the document, with no webhook twice' {
        (Get-BusyState).Count | Should -Be 350

        $results = @(Sync-TableauWebhook -Session $BusySession -Path $BusyDocument -Prune -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 0 -Because ($failures | Select-Object -First 3 | Out-String)
        $results.Count | Should -Be 550
        @($results | Group-Object Action | Sort-Object Name | ForEach-Object { '{0} {1}' -f $_.Name, $_.Count }) |
            Should -Be @('Create 200', 'Remove 50', 'Unchanged 150', 'Update 150')
        @($results | Where-Object { $_.Action -ne 'Unchanged' -and $_.Outcome -ne 'Done' }).Count | Should -Be 0
        @(Get-BusyState | Sort-Object) | Should -Be @($Entries | ConvertTo-StateLine | Sort-Object)
        @(Get-TableauWebhook -Session $BusySession -AllSites | Group-Object Site, Name | Where-Object Count -gt 1).Count | Should -Be 0
        $faults = @(Get-TestSimulatorRequest $Busy | Where-Object { $_.fault })
        @($faults | Where-Object fault -eq 'ExpireToken').Count | Should -BeGreaterThan 0
        @($faults | Where-Object fault -ne 'ExpireToken').Count | Should -BeGreaterThan 10
    }

    It 'finds everything Unchanged when run again, and sends no change' {
        # Its own starting point, so that a failure of the test before is not reported again here: a run that makes
        # the sites match the document (when the test before passed, that run already finds them so).
        $null = Sync-TableauWebhook -Session $BusySession -Path $BusyDocument -Prune -ThrottleLimit 8 -ErrorVariable setupFailures -ErrorAction SilentlyContinue
        $setupFailures.Count | Should -Be 0 -Because "the run that makes the sites match the document must work first: $($setupFailures | Select-Object -First 3 | Out-String)"
        $start = Get-RequestCount $Busy
        $results = @(Sync-TableauWebhook -Session $BusySession -Path $BusyDocument -Prune -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 0
        $results.Count | Should -Be 500
        @($results | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
        (Get-ChangingRequest $start $Busy).Count | Should -Be 0
    }

    It 'stopped part-way, as Ctrl+C stops it, converges when run again' {
        # The next version of the document: every destination moves, ten webhooks per site go and ten come.
        $next = foreach ($entry in $Entries) {
            if ($entry.Name -like 'hook-09*') { continue }
            New-Entry $entry.Site $entry.Name ($entry.DestinationUrl + '/v2') -Event $entry.Event -Enabled $entry.Enabled
        }
        $next = @($next) + @(foreach ($site in $BusySites) { 1..10 | ForEach-Object { New-Entry $site ('new-{0:d2}' -f $_) "$($Busy.ReceiverUrl)new/$_" } })
        $nextDocument = New-DocumentPath
        Write-Document $nextDocument $next
        $expected = @($next | ConvertTo-StateLine | Sort-Object)
        # Slow enough that the stop lands while changes are being sent.
        Set-SimulatorFault $Busy ($Faults + @{ latency = '00:00:00.020' })

        $ps = [powershell]::Create()
        try {
            $null = $ps.AddScript({
                    param($ModulePath, $Server, $Path)
                    Import-Module $ModulePath
                    Connect-TableauServer -Server $Server -Credential (New-Object System.Management.Automation.PSCredential ('admin', (ConvertTo-SecureString 'admin' -AsPlainText -Force))) -RetryIntervalSec 0.005 -MaximumRetryCount 8
                    Sync-TableauWebhook -Path $Path -Prune -ThrottleLimit 4
                }).AddArgument((Get-BuiltModulePath)).AddArgument($Busy.BaseUrl).AddArgument($nextDocument)
            $inputs = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $inputs.Complete()
            $outputs = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $running = $ps.BeginInvoke($inputs, $outputs)
            $deadline = [DateTime]::UtcNow.AddSeconds(60)
            while ($outputs.Count -lt 40 -and -not $running.IsCompleted -and [DateTime]::UtcNow -lt $deadline) { Start-Sleep -Milliseconds 10 }
            $stopping = $ps.BeginStop($null, $null)
            $stopping.AsyncWaitHandle.WaitOne(30000) | Should -BeTrue -Because 'the sync stops promptly'

            $ps.InvocationStateInfo.State | Should -Be 'Stopped'
            $outputs.Count | Should -BeLessThan 500 -Because 'the stop came part-way'
        }
        finally { $ps.Dispose() }
        $between = @(Get-BusyState | Sort-Object)
        $between | Should -Not -Be $expected

        $results = @(Sync-TableauWebhook -Session $BusySession -Path $nextDocument -Prune -ThrottleLimit 8 -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 0 -Because ($failures | Select-Object -First 3 | Out-String)
        @($results | Where-Object { $_.Action -ne 'Unchanged' -and $_.Outcome -ne 'Done' }).Count | Should -Be 0
        @(Get-BusyState | Sort-Object) | Should -Be $expected
        @(Get-TableauWebhook -Session $BusySession -AllSites | Group-Object Site, Name | Where-Object Count -gt 1).Count | Should -Be 0
        @(Sync-TableauWebhook -Session $BusySession -Path $nextDocument -Prune | Where-Object Action -ne 'Unchanged').Count | Should -Be 0
    }
}
