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
    It 'Get-TableauWebhook prints a table with Name, Event, Enabled and DestinationUrl' {
        $text = Get-TableauWebhook | Out-ViewText
        $text | Should -Match '(?m)^Name\s+Event\s+Enabled\s+DestinationUrl\s*$'
        $text | Should -Match '(?m)^display-one\s+DatasourceRefreshFailed\s+True\s+https://'
        $text | Should -Not -Match 'OwnerId'
    }

    It 'a session prints as a table with the default marker, server, site and user' {
        $text = Get-TableauSession | Out-ViewText
        $text | Should -Match '(?m)^Default\s+Server\s+Site\s+UserName\s+ApiVersion\s+ExpiresAt\s*$'
        $text | Should -Match '\(Default\)'
        $text | Should -Match 'admin'
    }

    It 'a test result prints as a table with the destination''s answer' {
        $text = $Webhook | Test-TableauWebhook | Out-ViewText
        $text | Should -Match '(?m)^WebhookName\s+Success\s+Status\s+DestinationUrl\s+Body\s*$'
        $text | Should -Match '(?m)^display-one\s+True\s+200\s'
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
