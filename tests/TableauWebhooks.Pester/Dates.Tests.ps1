# Dates are ISO 8601 in CSV and JSON whatever the culture: a CSV written in Germany must read back in the US. Every
# output type with a time is exported by Export-Csv (ConvertTo-Csv) and ConvertTo-Json in a new pwsh process whose
# culture is set first: a webhook (CreatedAt, UpdatedAt), a received event (ReceivedAt, CreatedAt), a payload read
# from text (CreatedAt) and a session (ConnectedAt, ExpiresAt). Sync, test and document results carry no time.
# The receiving part needs Start-ThreadJob (PowerShell 7), as the README's receiving steps do.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator
    $script:Session = Initialize-TestSimulator $Simulator

    # ISO 8601: a date, T, a time (fractions allowed), and Z or an offset.
    $script:Iso = '^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$'
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe 'Dates in CSV and JSON under the <Culture> culture' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') -ForEach @(
    @{ Culture = 'de-DE'; LocalDate = '06.12.2026' }
    @{ Culture = 'en-US'; LocalDate = '12/6/2026' }
) {
    BeforeAll {
        $body = '{"resource":"DATASOURCE","event_type":"DatasourceRefreshFailed","resource_name":"Sales","site_luid":"8b2a95d8-52b9-40a4-8712-cd6da771bd1b","resource_luid":"9f9bcaf8-8c4c-403c-b7e1-10dd85620f00","created_at":"2026-11-30T06:00:00Z"}'
        $listener = New-Object System.Net.Sockets.TcpListener ([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        # One JSON line of facts, after a marker, for this process to read: each output's CSV text and its JSON text.
        $result = Invoke-SignedInChildPowerShell $Simulator @"
[System.Threading.Thread]::CurrentThread.CurrentCulture = [System.Globalization.CultureInfo]::GetCultureInfo('$Culture')
`$hook = New-TableauWebhook -Name 'dated-$Culture' -Event WorkbookCreated -DestinationUrl '$($Simulator.ReceiverUrl)dated'
try {
    `$sender = Start-ThreadJob {
        `$deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ([DateTime]::UtcNow -lt `$deadline) {
            try { `$null = Invoke-RestMethod -Method Post -Uri 'http://127.0.0.1:$port/hooks' -ContentType 'application/json' -Body '$body'; return } catch { Start-Sleep -Milliseconds 200 }
        }
    }
    `$delivery = Receive-TableauWebhookEvent -Port $port -AllowAnyPath -Count 1 -TimeoutSec 60
    `$null = `$sender | Wait-Job -Timeout 60
    `$sender | Remove-Job -Force
    `$payload = ConvertFrom-TableauWebhookPayload '$body'
    `$session = Get-TableauSession | Where-Object IsDefault
    `$facts = [ordered]@{
        LocalDate = (Get-Date -Year 2026 -Month 12 -Day 6).ToShortDateString()
        Webhook = Get-TableauWebhook -Id `$hook.Id | ConvertTo-Csv -NoTypeInformation | Out-String
        WebhookJson = Get-TableauWebhook -Id `$hook.Id | ConvertTo-Json
        Delivery = `$delivery | ConvertTo-Csv -NoTypeInformation | Out-String
        DeliveryJson = `$delivery | ConvertTo-Json
        Payload = `$payload | ConvertTo-Csv -NoTypeInformation | Out-String
        PayloadJson = `$payload | ConvertTo-Json
        Session = `$session | Select-Object ConnectedAt, ExpiresAt | ConvertTo-Csv -NoTypeInformation | Out-String
        SessionJson = `$session | Select-Object ConnectedAt, ExpiresAt | ConvertTo-Json
    }
    'FACTS:' + (`$facts | ConvertTo-Json -Depth 4 -Compress)
}
finally {
    Remove-TableauWebhook -Id `$hook.Id -Confirm:`$false
}
"@
        $line = @($result.StdOut -split "`r?`n" | Where-Object { $_.StartsWith('FACTS:') })
        if ($line.Count -ne 1) { throw "The child process wrote no facts (exit $($result.ExitCode)):`n$($result.StdOut)`n$($result.StdErr)" }
        $script:Facts = $line[0].Substring(6) | ConvertFrom-Json
        # The CSV text is read back here, as text: ConvertFrom-Json in PowerShell 7 would have made its dates DateTimes.
        foreach ($name in 'Webhook', 'Delivery', 'Payload', 'Session') {
            $Facts.$name = $Facts.$name.Trim() -split "`r?`n" | ConvertFrom-Csv
        }

        # The text a JSON document holds for a property (ConvertFrom-Json in PowerShell 7 would turn it into a DateTime).
        function script:Get-JsonText {
            param([string] $Json, [string] $Name)
            $match = [regex]::Match($Json, '"' + $Name + '":\s*"([^"]*)"')
            if (-not $match.Success) { throw "No text value for $Name in:`n$Json" }
            $match.Groups[1].Value
        }
    }

    It 'the culture is in force: a date prints as <LocalDate> there' {
        $Facts.LocalDate | Should -Be $LocalDate
    }

    It 'a webhook''s CreatedAt and UpdatedAt' {
        $Facts.Webhook.CreatedAt | Should -Match $Iso
        $Facts.Webhook.UpdatedAt | Should -Match $Iso
        Get-JsonText $Facts.WebhookJson 'CreatedAt' | Should -Match $Iso
        Get-JsonText $Facts.WebhookJson 'UpdatedAt' | Should -Match $Iso
    }

    It 'a received event''s ReceivedAt and CreatedAt' {
        $Facts.Delivery.ReceivedAt | Should -Match $Iso
        $Facts.Delivery.CreatedAt | Should -Be '2026-11-30T06:00:00Z'
        Get-JsonText $Facts.DeliveryJson 'ReceivedAt' | Should -Match $Iso
        Get-JsonText $Facts.DeliveryJson 'CreatedAt' | Should -Match $Iso
    }

    It 'a payload''s CreatedAt' {
        $Facts.Payload.CreatedAt | Should -Be '2026-11-30T06:00:00Z'
        Get-JsonText $Facts.PayloadJson 'CreatedAt' | Should -Match $Iso
    }

    It 'a session''s ConnectedAt and ExpiresAt' {
        $Facts.Session.ConnectedAt | Should -Match $Iso
        $Facts.Session.ExpiresAt | Should -Match $Iso
        Get-JsonText $Facts.SessionJson 'ConnectedAt' | Should -Match $Iso
        Get-JsonText $Facts.SessionJson 'ExpiresAt' | Should -Match $Iso
    }
}
