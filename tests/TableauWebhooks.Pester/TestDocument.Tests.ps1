# Test-TableauWebhookDocument in a real shell, as a pull-request check runs it: no server and no session; files by
# -Path (wildcards), -LiteralPath, Get-ChildItem and Get-Content; Import-Csv rows; the table a user sees; -Quiet for an
# if; and the exit code of a check script under pwsh -NonInteractive -File.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ('tw-testdoc-' + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $Folder

    function New-Document {
        param([string] $Name, [string[]] $Entries, [string[]] $Sites = @('', 'finance'))
        $path = Join-Path $Folder $Name
        $siteList = ($Sites | ForEach-Object { '"' + $_ + '"' }) -join ', '
        $text = "{`n  `"formatVersion`": 2,`n  `"sites`": [$siteList],`n  `"webhooks`": [`n" + ($Entries -join ",`n") + "`n  ]`n}`n"
        [IO.File]::WriteAllText($path, $text)
        $path
    }

    function New-Hook {
        param([string] $Site, [string] $Name, [string] $Enabled = 'true', [string] $EnabledKey = 'Enabled')
        '    { "Site": "' + $Site + '", "Name": "' + $Name + '", "Event": "WorkbookCreated", "DestinationUrl": "https://hooks.example.com/' + $Name + '", "' + $EnabledKey + '": ' + $Enabled + ' }'
    }
}

AfterAll {
    Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Test-TableauWebhookDocument' {
    BeforeEach {
        Get-ChildItem -LiteralPath $Folder | Remove-Item -Recurse -Force
        $script:Good = New-Document 'good.json' @((New-Hook '' 'alpha'), (New-Hook 'finance' 'beta'))
    }

    It 'needs no server and no session' {
        @(Get-TableauSession).Count | Should -Be 0
        $results = @(Test-TableauWebhookDocument -Path $Good -ErrorVariable problems)
        $problems.Count | Should -Be 0
        @($results | ForEach-Object { '{0}:{1}/{2}:{3}' -f $_.Index, $_.Site, $_.Name, $_.Valid }) | Should -Be @('0:/alpha:True', '1:finance/beta:True')
    }

    It 'shows a table per document: Index, Line, Site, Name, Valid and the problem' {
        $bad = New-Document 'bad.json' @((New-Hook '' 'alpha'), (New-Hook '' 'beta' -EnabledKey 'Enable'), (New-Hook 'marketing' 'gamma'))

        $text = Test-TableauWebhookDocument -Path $bad -ErrorAction SilentlyContinue | Out-ViewText

        $text | Should -Match ('(?m)^\s*Document: ' + [regex]::Escape($bad) + '\s*$')
        $text | Should -Match '(?m)^Index\s+Line\s+Site\s+Name\s+Valid\s+Problem\s*$'
        $text | Should -Match '(?m)^0\s+5\s+\(Default\)\s+alpha\s+True\s*$'
        $text | Should -Match "(?m)^1\s+6\s+\(Default\)\s+beta\s+False\s+the key 'Enable' is not one of Site, Name, Event, DestinationUrl and Enabled \(did you mean 'Enabled'\?\)"
        $text | Should -Match "(?m)^2\s+7\s+marketing\s+gamma\s+False\s+'Site' is `"marketing`", which is not in the document's 'sites' list"
    }

    It 'writes one error per problem, with its ErrorId and the problem as the target object' {
        $bad = New-Document 'bad.json' @((New-Hook '' 'alpha' -Enabled '"false"'), (New-Hook '' 'alpha'))

        $null = Test-TableauWebhookDocument -Path $bad -ErrorVariable problems -ErrorAction SilentlyContinue

        @($problems | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @(
            'InvalidDocumentValue,TableauWebhooks.Commands.TestTableauWebhookDocumentCommand'
            'DuplicateSyncEntry,TableauWebhooks.Commands.TestTableauWebhookDocumentCommand')
        "$($problems[0])" | Should -BeExactly "'$bad', line 5, webhooks[0] ('alpha'): 'Enabled' is the text `"false`", not true or false (write it without quotes)."
        $problems[0].TargetObject.Line | Should -Be 5
        $problems[0].TargetObject.Key | Should -Be 'Enabled'
        $problems[0].CategoryInfo.Category | Should -Be 'InvalidData'
    }

    It '-Quiet answers once for everything given, with no errors' {
        Test-TableauWebhookDocument -Path (Join-Path $Folder '*.json') -Quiet | Should -BeExactly $true
        $null = New-Document 'bad.json' @((New-Hook '' 'alpha' -Enabled 'yes'))
        $answers = @(Test-TableauWebhookDocument -Path (Join-Path $Folder '*.json') -Quiet -ErrorVariable problems)
        $answers | Should -Be @($false)
        $problems.Count | Should -Be 0
        Test-TableauWebhookDocument -Path (Join-Path $Folder 'nothing-*.json') -Quiet | Should -BeExactly $false
    }

    It 'reads names with wildcard characters through -LiteralPath, and files from Get-ChildItem' {
        $bracketed = New-Document 'prod[eu].json' @((New-Hook '' 'alpha'))
        @(Test-TableauWebhookDocument -LiteralPath $bracketed).Count | Should -Be 1
        { Test-TableauWebhookDocument -Path $bracketed -ErrorAction Stop } | Should -Throw -ErrorId 'SyncDocumentNotFound,TableauWebhooks.Commands.TestTableauWebhookDocumentCommand'

        $results = @(Get-ChildItem -LiteralPath $Folder -Filter *.json | Test-TableauWebhookDocument)
        @($results | ForEach-Object { Split-Path -Leaf $_.Path } | Sort-Object -Unique) | Should -Be @('good.json', 'prod[eu].json')
    }

    It 'reads Get-Content lines as one document, with its own line numbers' {
        $results = @(Get-Content -LiteralPath $Good | Test-TableauWebhookDocument)
        @($results | ForEach-Object { '{0}:{1}:{2}' -f $_.Index, $_.Line, $_.Valid }) | Should -Be @('0:5:True', '1:6:True')
        $results[0].Path | Should -BeNullOrEmpty
    }

    It 'checks Import-Csv rows as Sync-TableauWebhook takes them: every column, Enabled true or false in any case' {
        $csv = Join-Path $Folder 'hooks.csv'
        Set-Content -LiteralPath $csv -Value @(
            'Site,Name,Event,DestinationUrl,Enabled'
            ',csv-on,WorkbookCreated,https://hooks.example.com/on,TRUE'
            'finance,csv-off,WorkbookCreated,https://hooks.example.com/off,False'
            'finance,csv-maybe,WorkbookCreated,https://hooks.example.com/maybe,1'
        )

        $results = @(Import-Csv -LiteralPath $csv | Test-TableauWebhookDocument -ErrorVariable problems -ErrorAction SilentlyContinue)

        @($results | ForEach-Object Valid) | Should -Be @($true, $true, $false)
        "$($problems[0])" | Should -BeExactly "Row 3 ('csv-maybe'): 'Enabled' is '1', not true or false."
    }

    It 'passes the document Export-TableauWebhook writes' {
        $simulator = Start-TestSimulator
        try {
            Connect-TestSimulator $simulator
            $null = New-TableauWebhook -Name 'exported' -Event DatasourceRefreshFailed -DestinationUrl "$($simulator.ReceiverUrl)exported" -Disabled
            $file = Join-Path $Folder 'exported.json'
            Export-TableauWebhook -AllSites -Path $file
            Disconnect-TableauServer
            Test-TableauWebhookDocument -Path $file -Quiet | Should -BeExactly $true
        }
        finally { Stop-TestSimulator $simulator }
    }

    It 'fails a pull-request check script under pwsh -NonInteractive -File, and passes it once fixed' {
        $check = Join-Path $Folder 'check.ps1'
        Set-Content -LiteralPath $check -Value @'
param([string] $ModulePath, [string] $Pattern)
Import-Module $ModulePath
Test-TableauWebhookDocument -Path $Pattern | Where-Object { -not $_.Valid } | Format-Table -AutoSize | Out-String -Width 300
if (-not (Test-TableauWebhookDocument -Path $Pattern -Quiet)) { exit 1 }
'@
        $bad = New-Document 'bad.json' @((New-Hook '' 'alpha' -EnabledKey 'Enable'))

        $failed = Invoke-ChildPowerShell -Arguments '-NonInteractive', '-File', $check, '-ModulePath', (Get-BuiltModulePath), '-Pattern', (Join-Path $Folder '*.json')

        $failed.ExitCode | Should -Be 1
        $failed.StdErr | Should -Match "the key 'Enable' is not one of"
        $failed.StdOut | Should -Match 'alpha\s+False'

        Remove-Item -LiteralPath $bad
        $passed = Invoke-ChildPowerShell -Arguments '-NonInteractive', '-File', $check, '-ModulePath', (Get-BuiltModulePath), '-Pattern', (Join-Path $Folder '*.json')
        $passed.ExitCode | Should -Be 0 -Because $passed.StdErr
    }
}
