# Export-TableauWebhook in a real shell: the exact bytes of the document, its order, what it leaves out, -Path with and
# without -Force, -WhatIf, reading it back with ConvertFrom-Json, a piped subset across two sites, the shipped schema,
# and all or nothing: a site that cannot be read (502 after the retries, or no such site) leaves the file as it was.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("tw-export-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $Folder

    # The document for the webhooks BeforeEach creates, built by hand: sorted by Site, then Name (ordinal: 'Zeta'
    # before 'alpha'), LF line endings, two-space indent.
    function Get-ExpectedDocument {
        param([string] $Receiver)
        $lines = @(
            '{'
            '  "formatVersion": 2,'
            '  "sites": ['
            '    ""'
            '  ],'
            '  "webhooks": ['
            '    {'
            '      "Site": "",'
            '      "Name": "Zeta \"quoted\"",'
            '      "Event": "ViewDeleted",'
            ('      "DestinationUrl": "' + $Receiver + 'zeta",')
            '      "Enabled": true'
            '    },'
            '    {'
            '      "Site": "",'
            '      "Name": "alpha",'
            '      "Event": "DatasourceRefreshFailed",'
            ('      "DestinationUrl": "' + $Receiver + 'alpha",')
            '      "Enabled": true'
            '    },'
            '    {'
            '      "Site": "",'
            '      "Name": "beta",'
            '      "Event": "WorkbookCreated",'
            ('      "DestinationUrl": "' + $Receiver + 'beta",')
            '      "Enabled": false'
            '    }'
            '  ]'
            '}'
        )
        $lines -join "`n"
    }

    function Read-Bytes {
        param([string] $Path)
        [System.IO.File]::ReadAllBytes($Path)
    }
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
    Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Export-TableauWebhook' {
    BeforeEach {
        Reset-TestSimulator $Simulator
        Connect-TestSimulator $Simulator
        $receiver = $Simulator.ReceiverUrl
        # Created out of order, with a legacy event name, a disabled one and a name that needs escaping.
        $null = New-TableauWebhook -Name 'beta' -Event 'webhook-source-event-workbook-created' -DestinationUrl "${receiver}beta" -Disabled
        $null = New-TableauWebhook -Name 'alpha' -Event DatasourceRefreshFailed -DestinationUrl "${receiver}alpha"
        $null = New-TableauWebhook -Name 'Zeta "quoted"' -Event ViewDeleted -DestinationUrl "${receiver}zeta"
        $script:Expected = Get-ExpectedDocument -Receiver $receiver
        $script:Target = Join-Path $Folder ("hooks-" + [guid]::NewGuid() + '.json')
    }

    It 'returns the exact document for the site''s webhooks, as one string without a final newline' {
        $text = @(Export-TableauWebhook)
        $text.Count | Should -Be 1
        $text[0] | Should -BeOfType [string]
        $text[0] | Should -BeExactly $Expected
    }

    It 'writes the same document to -Path as UTF-8 without BOM, LF line endings and a trailing newline, returning nothing' {
        $result = @(Export-TableauWebhook -Path $Target)
        $result.Count | Should -Be 0
        $bytes = Read-Bytes $Target
        $bytes[0] | Should -Not -Be 0xEF
        $content = [System.Text.Encoding]::UTF8.GetString($bytes)
        $content | Should -BeExactly ($Expected + "`n")
        $content.Contains("`r") | Should -BeFalse
    }

    It 'leaves out ids, owners, timestamps, status reasons and the session''s token' {
        $hooks = @(Get-TableauWebhook)
        $text = Export-TableauWebhook
        foreach ($hook in $hooks) {
            $text | Should -Not -Match ([regex]::Escape($hook.Id.ToString()))
            if ($hook.OwnerId) { $text | Should -Not -Match ([regex]::Escape($hook.OwnerId)) }
        }
        $text | Should -Not -Match 'Id"|Owner|CreatedAt|UpdatedAt|StatusChangeReason|Server|Session|token|webhook-source-event'
        $session = Get-TableauSession | Select-Object -First 1
        $text | Should -Not -Match ([regex]::Escape($session.SiteId))
    }

    It 'refuses to replace an existing file without -Force, and replaces it with -Force' {
        Set-Content -LiteralPath $Target -Value 'keep me' -Encoding ASCII
        { Export-TableauWebhook -Path $Target -ErrorAction Stop } | Should -Throw -ErrorId 'ExportFileExists,TableauWebhooks.Commands.ExportTableauWebhookCommand'
        (Get-Content -LiteralPath $Target -Raw).Trim() | Should -Be 'keep me'

        Export-TableauWebhook -Path $Target -Force
        [System.IO.File]::ReadAllText($Target) | Should -BeExactly ($Expected + "`n")
    }

    It '-WhatIf writes no file, and leaves an existing one as it was' {
        Export-TableauWebhook -Path $Target -WhatIf
        Test-Path -LiteralPath $Target | Should -BeFalse

        Set-Content -LiteralPath $Target -Value 'keep me' -Encoding ASCII
        Export-TableauWebhook -Path $Target -Force -WhatIf
        (Get-Content -LiteralPath $Target -Raw).Trim() | Should -Be 'keep me'
    }

    It 'reads back with ConvertFrom-Json: the format version and every entry''s five properties' {
        Export-TableauWebhook -Path $Target
        $document = Get-Content -LiteralPath $Target -Raw | ConvertFrom-Json
        $document.formatVersion | Should -Be 2
        @($document.sites) | Should -Be @('')
        $entries = @($document.webhooks)
        $entries.Count | Should -Be 3
        @($entries | ForEach-Object Name) | Should -Be @('Zeta "quoted"', 'alpha', 'beta')
        @($entries[0].PSObject.Properties | ForEach-Object Name) | Should -Be @('Site', 'Name', 'Event', 'DestinationUrl', 'Enabled')
        $entries[2].Event | Should -Be 'WorkbookCreated'
        $entries[2].Enabled | Should -BeFalse
        $entries[0].Enabled | Should -BeTrue
        $entries[1].Site | Should -BeExactly ''
        $entries[1].DestinationUrl | Should -Be "$($Simulator.ReceiverUrl)alpha"
    }

    It 'exports only the piped webhooks, sorted by site then name, each naming its site' {
        $receiver = $Simulator.ReceiverUrl
        $default = Get-TableauWebhook -Name 'beta', 'alpha'
        $finance = Connect-TestSimulator $Simulator -Site 'finance' -PassThru
        $null = New-TableauWebhook -Session $finance -Name 'finance-hook' -Event WorkbookDeleted -DestinationUrl "${receiver}finance"
        $piped = @(Get-TableauWebhook -Session $finance) + @($default)

        $document = $piped | Export-TableauWebhook | ConvertFrom-Json
        $entries = @($document.webhooks)
        @($entries | ForEach-Object { $_.Site + '/' + $_.Name }) | Should -Be @('/alpha', '/beta', 'finance/finance-hook')
    }

    It 'writes an empty list for no site when the pipeline brings no webhooks, instead of exporting the whole site' {
        $text = Get-TableauWebhook -Name 'nothing-*' | Export-TableauWebhook
        $text | Should -BeExactly ("{`n  `"formatVersion`": 2,`n  `"sites`": [],`n  `"webhooks`": []`n}")
        @((ConvertFrom-Json $text).webhooks).Count | Should -Be 0
    }

    It 'is shipped with its JSON Schema in the module folder' {
        $schemaPath = Join-Path (Get-Module TableauWebhooks).ModuleBase 'TableauWebhooks.webhooks.schema.json'
        Test-Path -LiteralPath $schemaPath | Should -BeTrue
        $schema = Get-Content -LiteralPath $schemaPath -Raw | ConvertFrom-Json
        @($schema.'$defs'.version2.required) | Should -Be @('formatVersion', 'sites', 'webhooks')
        @($schema.'$defs'.version1.required) | Should -Be @('formatVersion', 'webhooks')
        @($schema.'$defs'.webhook.required) | Should -Be @('Site', 'Name', 'Event', 'DestinationUrl', 'Enabled')
    }

    # Test-Json validates JSON Schema 2020-12 from PowerShell 7.4 on; Windows PowerShell 5.1 has no Test-Json.
    It 'writes a document the shipped schema accepts, and the schema refuses what the module refuses' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        $schemaPath = Join-Path (Get-Module TableauWebhooks).ModuleBase 'TableauWebhooks.webhooks.schema.json'
        Export-TableauWebhook -Path $Target
        Test-Json -Path $Target -SchemaFile $schemaPath | Should -BeTrue
        Test-TableauWebhookDocument -Path $Target -Quiet | Should -BeTrue

        $text = Get-Content -LiteralPath $Target -Raw
        foreach ($broken in @($text.Replace('"Enabled": false', '"Enable": false'), $text.Replace('"Enabled": false', '"Enabled": "false"'),
                $text.Replace('"ViewDeleted"', '"webhook-source-event-view-deleted"'), $text.Replace('"sites": [', '"site": ['))) {
            $broken | Test-Json -SchemaFile $schemaPath -ErrorAction SilentlyContinue | Should -BeFalse
            $broken | Test-TableauWebhookDocument -Quiet | Should -BeFalse
        }
    }
}

Describe 'Export-TableauWebhook is all or nothing' {
    BeforeEach {
        Reset-TestSimulator $Simulator
        Disconnect-TestSimulatorSession $Simulator
        # Few, fast retries, so that a site's 502s use them all up quickly.
        Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) -MaximumRetryCount 2 -RetryIntervalSec 0.01
        $receiver = $Simulator.ReceiverUrl
        $finance = Connect-TableauServer -Server $Simulator.BaseUrl -Site 'finance' -Credential (New-TestCredential) -NotDefault -PassThru
        $null = New-TableauWebhook -Name 'default-hook' -Event ViewDeleted -DestinationUrl "${receiver}default"
        $null = New-TableauWebhook -Session $finance -Name 'finance-hook' -Event WorkbookCreated -DestinationUrl "${receiver}finance"
        Disconnect-TableauServer -Session $finance
        $script:FinanceId = (Get-TableauSite | Where-Object ContentUrl -eq 'finance').Id
        $script:Target = Join-Path $Folder ('all-' + [guid]::NewGuid() + '.json')
        # The good export a nightly job committed yesterday.
        Export-TableauWebhook -AllSites -Path $Target
        (Get-Item -LiteralPath $Target).LastWriteTimeUtc = [datetime]::SpecifyKind([datetime]'2020-01-02T03:04:05', 'Utc')
        $script:Before = [System.IO.File]::ReadAllBytes($Target)
    }

    # Bug it kills: the export rewrote the file with the other sites only; the job committed it, and the next
    # Sync -Prune removed the missing site's webhooks.
    It 'leaves the file byte for byte, timestamp and all, when a site answers 502 after the retries' {
        foreach ($attempt in 1..3) { Add-TestSimulatorFault $Simulator BadGateway GET "/sites/$FinanceId/webhooks" }

        { Export-TableauWebhook -AllSites -Path $Target -Force -ErrorVariable failures -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'ExportIncomplete,TableauWebhooks.Commands.ExportTableauWebhookCommand'

        [System.IO.File]::ReadAllBytes($Target) | Should -Be $Before
        (Get-Item -LiteralPath $Target).LastWriteTimeUtc | Should -Be ([datetime]::SpecifyKind([datetime]'2020-01-02T03:04:05', 'Utc'))
        @(Get-ChildItem -LiteralPath $Folder -Force | Where-Object Name -like '*.tmp').Count | Should -Be 0
        @(Get-TestSimulatorRequest $Simulator | Where-Object { $_.statusCode -eq 502 }).Count | Should -Be 3
    }

    It 'names the site in the error a user reads' {
        foreach ($attempt in 1..3) { Add-TestSimulatorFault $Simulator BadGateway GET "/sites/$FinanceId/webhooks" }

        $thrown = $null
        try { Export-TableauWebhook -AllSites -Path $Target -Force -ErrorAction SilentlyContinue } catch { $thrown = $_ }

        "$thrown" | Should -BeLike "Nothing was written to '$Target': the webhooks of site 'finance' could not be read*The file is as it was."
    }

    # Bug it kills: -Site nosuch -Force wrote an empty document over a good file.
    It 'leaves the file as it was when a site does not exist' {
        { Export-TableauWebhook -Site 'nosuch' -Path $Target -Force -ErrorAction SilentlyContinue } |
            Should -Throw -ErrorId 'ExportIncomplete,TableauWebhooks.Commands.ExportTableauWebhookCommand'
        [System.IO.File]::ReadAllBytes($Target) | Should -Be $Before
    }

    It 'still returns the document of what it read, without -Path, and it speaks only for those sites' {
        foreach ($attempt in 1..3) { Add-TestSimulatorFault $Simulator BadGateway GET "/sites/$FinanceId/webhooks" }

        $text = Export-TableauWebhook -AllSites -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures.Count | Should -Be 1
        $document = $text | ConvertFrom-Json
        @($document.sites) | Should -Be @('')
        @($document.webhooks | ForEach-Object Name) | Should -Be @('default-hook')
    }
}
