# What a user sees first: the default view of every output type, rendered by real pwsh, and Format-List.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator
    Connect-TestSimulator $Simulator
    $script:Webhook = New-TableauWebhook -Name 'display-one' -Event DatasourceRefreshFailed -DestinationUrl "$($Simulator.ReceiverUrl)display"
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe 'Default views' {
    It 'Get-TableauWebhook prints a table with Site, Name, Event, Enabled and DestinationUrl' {
        $text = Get-TableauWebhook | Out-ViewText
        $text | Should -Match '(?m)^Site\s+Name\s+Event\s+Enabled\s+DestinationUrl\s*$'
        $text | Should -Match '(?m)^\(Default\)\s+display-one\s+DatasourceRefreshFailed\s+True\s+https://'
        $text | Should -Not -Match 'OwnerId'
    }

    It 'a session prints as a table with the default marker, server, site and user' {
        $text = Get-TableauSession | Out-ViewText
        $text | Should -Match '(?m)^Default\s+Server\s+Site\s+UserName\s+ApiVersion\s+ExpiresAt\s*$'
        $text | Should -Match '\(Default\)'
        $text | Should -Match 'admin'
    }

    It 'a test result prints as a table with the site and the destination''s answer' {
        $text = $Webhook | Test-TableauWebhook | Out-ViewText
        $text | Should -Match '(?m)^Site\s+WebhookName\s+Success\s+Status\s+DestinationUrl\s+Body\s*$'
        $text | Should -Match '(?m)^\(Default\)\s+display-one\s+True\s+200\s'
    }

    It 'the event catalog prints as a table' {
        $text = Get-TableauWebhookEvent -Name DatasourceRefreshFailed | Out-ViewText
        $text | Should -Match '(?m)^Name\s+Resource\s+Since\s+Api\s+Description\s*$'
        $text | Should -Match '(?m)^DatasourceRefreshFailed\s+'
    }

    It 'a site prints as a table' {
        $text = Get-TableauSite | Out-ViewText
        $text | Should -Match '(?m)^Name\s+ContentUrl'
        $text | Should -Match 'finance'
    }

    It 'the views are registered by the import itself' {
        @(Get-FormatData -TypeName 'TableauWebhooks.Output.TableauWebhook').Count | Should -Be 1
        (Get-Module TableauWebhooks).ExportedFormatFiles | Should -Not -BeNullOrEmpty
    }
}

Describe 'Format-List' {
    It 'shows every property of a webhook that a user reads, and no session internals' {
        $text = $Webhook | Format-List | Out-ViewText
        foreach ($label in 'Id', 'Name', 'Event', 'LegacyEventName', 'DestinationUrl', 'Enabled', 'StatusChangeReason', 'OwnerName', 'OwnerId', 'CreatedAt', 'UpdatedAt', 'Site') {
            $text | Should -Match "(?m)^$label\s+:"
        }
        $text | Should -Not -Match 'ApiVersion'
    }

    It 'Format-List * lists flat values only' {
        $text = $Webhook | Format-List * | Out-ViewText
        $text | Should -Match '(?m)^Server\s+: http://127\.0\.0\.1:\d+/'
        $text | Should -Not -Match '(?m)^Session\s+:'
    }
}

# Issue 23, point 4: -AllSites listed webhooks of several sites with nothing to tell them apart, and a long detail could
# crowd out what a row is about. Rendered at 80 columns, a console's width, where long values meet.
Describe 'Views fit the data' {
    BeforeAll {
        # The text of one column of a table, its wrapped lines joined: where the header names it, to the end of each
        # line, for the rows from the first one whose first column is $RowStart to the next row's start.
        function script:Get-ColumnText {
            param([string] $Text, [string] $Header, [string] $Column, [string] $RowStart)
            $lines = $Text -split "`r?`n"
            $first = [array]::FindIndex($lines, [Predicate[string]] { param($l) $l.StartsWith($RowStart) })
            # The header of this row's table: each group of a grouped view has its own widths.
            $headerAt = [array]::FindLastIndex($lines, $first, [Predicate[string]] { param($l) $l.StartsWith($Header) })
            $at = $lines[$headerAt].IndexOf($Column)
            if ($first -lt 0 -or $at -lt 0) { throw "No row '$RowStart' or no column '$Column' in:`n$Text" }
            $parts = New-Object System.Collections.Generic.List[string]
            for ($i = $first; $i -lt $lines.Count; $i++) {
                $line = $lines[$i]
                if ($i -gt $first -and ($line.Trim().Length -eq 0 -or $line.Substring(0, [Math]::Min($at, $line.Length)).Trim().Length -gt 0)) { break }
                if ($line.Length -gt $at) { $parts.Add($line.Substring($at).Trim()) }
            }
            $parts -join ' '
        }

        $script:Finance = Connect-TestSimulator $Simulator -Site finance -PassThru
        Connect-TestSimulator $Simulator
        $script:LongName = 'old-extract-failed-finance-nightly-refresh'
        $script:LongUrl = "$($Simulator.ReceiverUrl)" + ('very-long-path-segment/' * 5) + 'end-of-destination'
        $script:Made = @(
            New-TableauWebhook -Name 'same-name' -Event WorkbookCreated -DestinationUrl "$($Simulator.ReceiverUrl)default"
            New-TableauWebhook -Session $Finance -Name 'same-name' -Event WorkbookCreated -DestinationUrl "$($Simulator.ReceiverUrl)finance"
            New-TableauWebhook -Session $Finance -Name $LongName -Event DatasourceRefreshFailed -DestinationUrl $LongUrl
        )
    }

    AfterAll {
        Remove-TestWebhook -Session $Finance -Id @($Made | Where-Object Site -eq 'finance' | ForEach-Object { $_.Id })
        Remove-TestWebhook -Session (Connect-TestSimulator $Simulator -PassThru) -Id @($Made | Where-Object Site -eq '' | ForEach-Object { $_.Id })
    }

    It 'Get-TableauWebhook -AllSites shows which site each webhook is on' {
        $text = Get-TableauWebhook -AllSites -Name 'same-name' | Out-ViewText -Width 80

        $text | Should -Match '(?m)^Site\s+Name\s+Event\s+Enabled\s+DestinationUrl\s*$'
        $text | Should -Match '(?m)^\(Default\)\s+same-name\s+WorkbookCreated\s+True\s+https://'
        $text | Should -Match '(?m)^finance\s+same-name\s+WorkbookCreated\s+True\s+https://'
    }

    It 'Test-TableauWebhook of webhooks from several sites shows which site each test is about' {
        $text = Get-TableauWebhook -AllSites -Name 'same-name' | Test-TableauWebhook | Out-ViewText -Width 120

        $text | Should -Match '(?m)^Site\s+WebhookName\s+Success\s+Status\s+DestinationUrl\s+Body\s*$'
        $text | Should -Match '(?m)^\(Default\)\s+same-name\s+True\s+200\s'
        $text | Should -Match '(?m)^finance\s+same-name\s+True\s+200\s'
    }

    It 'a long destination wraps in its column, whole, after the whole name' {
        # At 80 columns the destination does not fit beside the rest at all, and PowerShell leaves it out, last; at 100
        # it gets what is left, and wraps there.
        $text = Get-TableauWebhook -Session $Finance -LiteralName $LongName | Out-ViewText -Width 100

        $text | Should -Match ('(?m)^finance\s+' + [regex]::Escape($LongName) + '\s+DatasourceRefreshFailed\s+True\s+')
        $text | Should -Not -Match ([string][char]0x2026) -Because 'nothing is cut short with an ellipsis'
        (Get-ColumnText $text 'Site' 'DestinationUrl' 'finance') -replace ' ', '' | Should -BeExactly $LongUrl
    }

    It 'Sync-TableauWebhook over two sites names each site, and a long detail wraps after the whole name' {
        $document = Join-Path ([IO.Path]::GetTempPath()) ('tw-display-' + [guid]::NewGuid() + '.json')
        try {
            $entries = @(
                [ordered]@{ Site = ''; Name = 'same-name'; Event = 'WorkbookCreated'; DestinationUrl = "$($Simulator.ReceiverUrl)default"; Enabled = $true }
                [ordered]@{ Site = 'finance'; Name = 'same-name'; Event = 'WorkbookCreated'; DestinationUrl = "$($Simulator.ReceiverUrl)finance"; Enabled = $true }
                [ordered]@{ Site = 'finance'; Name = $LongName; Event = 'DatasourceRefreshFailed'; DestinationUrl = "$LongUrl-moved"; Enabled = $true }
            )
            $json = [ordered]@{ formatVersion = 2; sites = @('', 'finance'); webhooks = $entries } | ConvertTo-Json -Depth 4
            [IO.File]::WriteAllText($document, $json)

            $results = @(Sync-TableauWebhook -Path $document)
            $text = $results | Out-ViewText -Width 80

            $text | Should -Match '(?m)^\s*Site: Default\s*$'
            $text | Should -Match '(?m)^\s*Site: finance\s*$'
            $text | Should -Match ('(?m)^' + [regex]::Escape($LongName) + '\s+Update\s+Done\s+DestinationUrl')
            $text | Should -Not -Match ([string][char]0x2026) -Because 'nothing is cut short with an ellipsis'
            $detail = @($results | Where-Object Name -eq $LongName)[0].Detail
            (Get-ColumnText $text 'Name' 'Detail' $LongName) -replace '\s', '' | Should -BeExactly ($detail -replace '\s', '')
        }
        finally {
            Remove-Item -LiteralPath $document -ErrorAction SilentlyContinue
        }
    }
}
