# Files in and out, as admins move webhooks around: Import-Csv of a real file, Export-Csv and ConvertTo-Json.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ("tw-csv-" + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $Folder
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
    Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Import-Csv piped to New-TableauWebhook' {
    BeforeEach {
        Reset-TestSimulator $Simulator
        Connect-TestSimulator $Simulator
    }

    It 'creates the good rows and writes one error per bad row, naming what is wrong' {
        $path = Join-Path $Folder 'hooks.csv'
        $receiver = $Simulator.ReceiverUrl
        @(
            'Name,Event,DestinationUrl'
            "extract-failed,DatasourceRefreshFailed,${receiver}alerts"
            "insecure,WorkbookCreated,http://hooks.example.com/x"
            "legacy-form,webhook-source-event-workbook-created,${receiver}catalog"
            "no-such-event,WorkbookExploded,${receiver}x"
            "no-destination,WorkbookDeleted,"
            "deletes,WorkbookDeleted,${receiver}audit"
        ) | Set-Content -LiteralPath $path -Encoding UTF8

        $created = Import-Csv -LiteralPath $path | New-TableauWebhook -ErrorVariable failures -ErrorAction SilentlyContinue

        @($created).Name | Should -Be @('extract-failed', 'legacy-form', 'deletes')
        @($created)[1].Event | Should -Be 'WorkbookCreated'
        $failures.Count | Should -Be 3
        @($failures | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) |
            Should -Be @('InsecureDestinationUrl', 'UnknownWebhookEvent', 'InvalidDestinationUrl')
        (Get-TableauWebhook | Sort-Object Name).Name | Should -Be @('deletes', 'extract-failed', 'legacy-form')
    }
}

Describe 'Export-Csv and ConvertTo-Json' {
    BeforeEach {
        Reset-TestSimulator $Simulator
        Connect-TestSimulator $Simulator
        $script:Hook = New-TableauWebhook -Name 'exported' -Event DatasourceRefreshFailed -DestinationUrl "$($Simulator.ReceiverUrl)exported"
    }

    It 'Export-Csv writes one row of flat values: no session, the site and server as short strings' {
        $path = Join-Path $Folder 'export.csv'
        Get-TableauWebhook | Export-Csv -LiteralPath $path -NoTypeInformation
        $lines = @(Get-Content -LiteralPath $path)
        $lines.Count | Should -Be 2
        $header = $lines[0] -replace '"', ''
        $header.Split(',') | Should -Be @('Id', 'Name', 'Event', 'LegacyEventName', 'DestinationUrl', 'Enabled', 'StatusChangeReason', 'OwnerId', 'OwnerName', 'CreatedAt', 'UpdatedAt', 'Site', 'SiteId', 'Server')
        $lines[1] | Should -Not -Match 'TableauSession|@\{|System\.'
        $row = Import-Csv -LiteralPath $path
        $row.Server | Should -Be "$($Simulator.BaseUrl)/"
        $row.CreatedAt | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$'
        $row.UpdatedAt | Should -Match '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$'
        $row.Site | Should -Be ''
        [guid]$row.Id | Should -Be $Hook.Id
    }

    It 'ConvertTo-Json gives flat values with ISO 8601 dates and no nested session' {
        $json = Get-TableauWebhook | ConvertTo-Json -Depth 5
        $json | Should -Not -Match '"Session"|"Major"|"ApiVersion"'
        $parsed = $json | ConvertFrom-Json
        $parsed.Name | Should -Be 'exported'
        $parsed.Server | Should -Be "$($Simulator.BaseUrl)/"
        $json | Should -Match '"CreatedAt":\s*"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z"'
        foreach ($property in $parsed.PSObject.Properties) {
            $property.Value | Should -Not -BeOfType [System.Management.Automation.PSCustomObject]
        }
    }

    It 'dates are DateTime values in UTC: they compare, sort and cast, and print as ISO 8601 in every culture' {
        $saved = [Threading.Thread]::CurrentThread.CurrentCulture
        try {
            [Threading.Thread]::CurrentThread.CurrentCulture = [Globalization.CultureInfo]::GetCultureInfo('de-DE')
            $created = $Hook.CreatedAt
            $created.GetType() | Should -Be ([datetime])
            $created.Kind | Should -Be 'Utc'
            ($created -lt [datetime]::UtcNow.AddMinutes(1)) | Should -BeTrue
            ($created -gt [datetime]::UtcNow.AddHours(-1)) | Should -BeTrue
            @($Hook | Where-Object CreatedAt -lt ([datetime]::UtcNow.AddMinutes(1))).Count | Should -Be 1
            ([datetime]$created).AddDays(1) | Should -BeOfType [datetime]
            ($Hook | Format-List CreatedAt | Out-ViewText) | Should -Match 'CreatedAt : \d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z'
            ($Hook | ConvertTo-Csv -NoTypeInformation | Select-Object -Last 1) | Should -Match '"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z"'
        }
        finally {
            [Threading.Thread]::CurrentThread.CurrentCulture = $saved
        }
    }

    It 'a webhook still knows its session, through GetSession()' {
        $Hook.GetSession().Server.AbsoluteUri | Should -Be "$($Simulator.BaseUrl)/"
        $Hook.GetSession().IsDefault | Should -BeTrue
    }

    It 'an exported CSV, edited and imported again, creates the same webhooks' {
        $second = New-TableauWebhook -Name 'second' -Event WorkbookDeleted -DestinationUrl "$($Simulator.ReceiverUrl)second"
        $path = Join-Path $Folder 'roundtrip.csv'
        Get-TableauWebhook | Sort-Object Name | Export-Csv -LiteralPath $path -NoTypeInformation
        # The admin edits the file: renames one row and adds another.
        $rows = @(Import-Csv -LiteralPath $path)
        $rows[0].Name = 'exported-renamed'
        $rows | Export-Csv -LiteralPath $path -NoTypeInformation
        Add-Content -LiteralPath $path -Value ('"","added","ViewDeleted","","{0}added"' -f $Simulator.ReceiverUrl)
        $before = @(Get-TableauWebhook)
        Reset-TestSimulator $Simulator
        Connect-TestSimulator $Simulator

        $created = Import-Csv -LiteralPath $path | New-TableauWebhook

        @($created).Count | Should -Be 3
        $after = @(Get-TableauWebhook | Sort-Object Name)
        $after.Name | Should -Be @('added', 'exported-renamed', 'second')
        ($after | Where-Object Name -eq 'second').DestinationUrl | Should -Be $second.DestinationUrl
        ($after | Where-Object Name -eq 'exported-renamed').Event | Should -Be ($before | Where-Object Name -eq 'exported').Event
        ($after | Where-Object Name -eq 'added').Event | Should -Be 'ViewDeleted'
    }
}
