# Tab completion as a user gets it at the prompt: TabExpansion2 on a typed command line, against a real simulator.
# Event names come from the module's catalog; webhook names and ids, and sites, from the connected server.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeDiscovery {
    # Every exported parameter that takes an event name, a webhook id or a site; a test below checks these lists
    # against the cmdlets' completers, so a new parameter cannot be left out silently.
    $script:EventCases = @(
        @{ Command = 'New-TableauWebhook'; Parameter = 'Event' }
        @{ Command = 'Set-TableauWebhook'; Parameter = 'Event' }
        @{ Command = 'Get-TableauWebhook'; Parameter = 'Event' }
        @{ Command = 'Get-TableauWebhookEvent'; Parameter = 'Name' }
    )
    $script:IdCases = @(
        @{ Command = 'Get-TableauWebhook' }
        @{ Command = 'Set-TableauWebhook' }
        @{ Command = 'Enable-TableauWebhook' }
        @{ Command = 'Disable-TableauWebhook' }
        @{ Command = 'Test-TableauWebhook' }
        @{ Command = 'Remove-TableauWebhook' }
    )
    # Every -Name and -LiteralName that selects webhooks: the ones of the cmdlets that act on webhooks came with issue 21.
    $script:NameCompleterCases = @(foreach ($command in 'Get', 'Set', 'Enable', 'Disable', 'Test', 'Remove') {
            foreach ($parameter in 'Name', 'LiteralName') { @{ Command = "$command-TableauWebhook"; Parameter = $parameter } }
        })
    # {Server} is replaced by the simulator's URL: Connect-TableauServer completes the sites of a server it has a
    # session on.
    $script:SiteCases = @(
        @{ Command = 'Switch-TableauSite'; Parameter = 'Site'; Prefix = 'Switch-TableauSite -Site ' }
        @{ Command = 'Get-TableauSite'; Parameter = 'ContentUrl'; Prefix = 'Get-TableauSite -ContentUrl ' }
        @{ Command = 'Connect-TableauServer'; Parameter = 'Site'; Prefix = 'Connect-TableauServer -Server {Server} -Site ' }
        @{ Command = 'Export-TableauWebhook'; Parameter = 'Site'; Prefix = 'Export-TableauWebhook -Site ' }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator
    Connect-TestSimulator $Simulator

    # Created before anything is completed: completion caches what it fetched for a short while.
    $receiver = $Simulator.ReceiverUrl
    $script:AlphaOne = New-TableauWebhook -Name 'alpha one' -Event DatasourceRefreshFailed -DestinationUrl "${receiver}alpha-one"
    $script:AlphaTwo = New-TableauWebhook -Name 'alpha-two' -Event ViewDeleted -DestinationUrl "${receiver}alpha-two"
    $script:Quoted = New-TableauWebhook -Name "beta's hook" -Event WorkbookCreated -DestinationUrl "${receiver}beta"
    $script:Gamma = New-TableauWebhook -Name 'gamma' -Event WorkbookDeleted -DestinationUrl "${receiver}gamma" -Disabled

    $script:Finance = Connect-TableauServer -Server $Simulator.BaseUrl -Site finance -Credential (New-TestCredential) -NotDefault -PassThru
    $script:FinanceOnly = New-TableauWebhook -Session $Finance -Name 'finance-only' -Event ViewDeleted -DestinationUrl "${receiver}finance"
    $script:Viewer = Connect-TableauServer -Server $Simulator.BaseUrl -Site finance -Credential (New-TestCredential -UserName viewer -Password viewer) -NotDefault -PassThru

    # What pressing Tab at the end of the line offers.
    function script:Get-Completion {
        param([string] $Line)
        $result = TabExpansion2 -inputScript $Line -cursorColumn $Line.Length
        @($result.CompletionMatches)
    }

    # The value PowerShell binds from a completion text typed as an argument (it may be quoted, or a bare word).
    function script:Read-CompletionText {
        param([string] $Text)
        & ([scriptblock]::Create("& { `$args[0] } $Text"))
    }

    function script:Sort-Ordinal {
        param([string[]] $Items)
        $array = [string[]] @($Items)
        [Array]::Sort($array, [StringComparer]::OrdinalIgnoreCase)
        , $array
    }
}

AfterAll {
    Disconnect-TableauServer -Session $Finance -ErrorAction SilentlyContinue
    Disconnect-TableauServer -Session $Viewer -ErrorAction SilentlyContinue
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe 'The completion cases' {
    It 'cover every exported parameter with an event, webhook id, webhook name or site completer' {
        $covered = @($EventCases + $IdCases + $NameCompleterCases + $SiteCases | ForEach-Object {
                $parameter = 'Id'
                if ($_.ContainsKey('Parameter')) { $parameter = $_.Parameter }
                "$($_.Command) -$parameter"
            })
        $completerTypes = 'EventNameCompleter', 'WebhookIdCompleter', 'WebhookNameCompleter', 'SiteCompleter'
        $found = @(foreach ($command in (Get-Module TableauWebhooks).ExportedCmdlets.Values) {
                foreach ($parameter in $command.Parameters.Values) {
                    $completer = $parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ArgumentCompleterAttribute] -and $null -ne $_.Type }
                    if ($completer -and $completerTypes -contains $completer.Type.Name) { "$($command.Name) -$($parameter.Name)" }
                }
            })
        $found.Count | Should -BeGreaterThan 0
        @($found | Sort-Object) | Should -Be @($covered | Sort-Object)
    }
}

Describe '<Command> -<Parameter> completes event names' -ForEach $EventCases {
    It 'DatasourceRef completes the DatasourceRefresh events, each with its description' {
        $expected = @(Get-TableauWebhookEvent | Where-Object { $_.Name -like 'DatasourceRef*' })
        $expected.Count | Should -BeGreaterThan 1
        @($expected.Name) | Should -Contain 'DatasourceRefreshFailed'

        $completions = Get-Completion "$Command -$Parameter DatasourceRef"
        @($completions.CompletionText) | Should -Be (Sort-Ordinal @($expected.Name))
        foreach ($completion in $completions) {
            $event = $expected | Where-Object { $_.Name -eq $completion.CompletionText }
            $completion.ListItemText | Should -Be $event.Name
            $completion.ResultType | Should -Be ([System.Management.Automation.CompletionResultType]::ParameterValue)
            $completion.ToolTip | Should -Match ('^' + [regex]::Escape($event.Description))
            $completion.ToolTip | Should -Match ([regex]::Escape($event.LegacyName))
        }
    }

    It 'the legacy prefix completes legacy names' {
        $expected = @(Get-TableauWebhookEvent | Where-Object { $_.LegacyName -like 'webhook-source-event-datasource-refresh-*' } | ForEach-Object { $_.LegacyName })
        $expected.Count | Should -BeGreaterThan 1
        $completions = Get-Completion "$Command -$Parameter webhook-source-event-datasource-ref"
        @($completions.CompletionText) | Should -Be (Sort-Ordinal $expected)
    }

    It 'what is typed after an opening quote completes, whatever its case' {
        $line = "$Command -$Parameter 'datasourcerefreshf"
        $result = TabExpansion2 -inputScript $line -cursorColumn $line.Length
        @($result.CompletionMatches.CompletionText) | Should -Be @('DatasourceRefreshFailed')
        # The completion replaces the quote and the typed text.
        $result.ReplacementIndex | Should -Be ($line.IndexOf("'"))
        $result.ReplacementLength | Should -Be ("'datasourcerefreshf".Length)
    }
}

Describe 'Event name completion' {
    It 'gives a value the cmdlet takes: Get-TableauWebhook -Event with the completion finds the webhook with that event' {
        $completion = @(Get-Completion 'Get-TableauWebhook -Event DatasourceRefreshF')
        $completion.Count | Should -Be 1
        $found = @(& ([scriptblock]::Create("Get-TableauWebhook -Event $($completion[0].CompletionText)")))
        @($found.Id) | Should -Be @($AlphaOne.Id)
    }

    It 'offers only names that start with what was typed' {
        $completions = Get-Completion 'New-TableauWebhook -Event View'
        $completions.Count | Should -BeGreaterThan 0
        foreach ($completion in $completions) { $completion.CompletionText | Should -BeLike 'View*' }
        $all = @(Get-TableauWebhookEvent | Where-Object { $_.Name -like 'View*' })
        $completions.Count | Should -Be $all.Count
    }
}

Describe 'Get-TableauWebhook -Name completes the names of the site''s webhooks' {
    It 'offers every webhook of the connected site, sorted by name' {
        $expected = Sort-Ordinal @(Get-TableauWebhook | ForEach-Object { $_.Name })
        $expected.Count | Should -Be 4
        $completions = Get-Completion 'Get-TableauWebhook -Name '
        @($completions.ListItemText) | Should -Be $expected
        @($completions.ListItemText) | Should -Not -Contain 'finance-only'
    }

    It 'quotes the names that need it, so the completed line reads back the same name' {
        $completions = Get-Completion 'Get-TableauWebhook -Name '
        (@($completions | Where-Object { $_.ListItemText -eq 'alpha one' }))[0].CompletionText | Should -Be "'alpha one'"
        (@($completions | Where-Object { $_.ListItemText -eq "beta's hook" }))[0].CompletionText | Should -Be "'beta''s hook'"
        (@($completions | Where-Object { $_.ListItemText -eq 'gamma' }))[0].CompletionText | Should -Be 'gamma'
        foreach ($completion in $completions) {
            Read-CompletionText $completion.CompletionText | Should -BeExactly $completion.ListItemText
        }
    }

    It 'filters by the typed start of the name, ignoring case' {
        $completions = Get-Completion 'Get-TableauWebhook -Name ALP'
        @($completions.ListItemText) | Should -Be @('alpha one', 'alpha-two')
    }

    It 'shows the event and destination in the tooltip, and says when a webhook is disabled' {
        $completions = Get-Completion 'Get-TableauWebhook -Name '
        $alpha = @($completions | Where-Object { $_.ListItemText -eq 'alpha one' })[0]
        $alpha.ToolTip | Should -Be "DatasourceRefreshFailed -> $($AlphaOne.DestinationUrl)"
        $gammaCompletion = @($completions | Where-Object { $_.ListItemText -eq 'gamma' })[0]
        $gammaCompletion.ToolTip | Should -Be "WorkbookDeleted -> $($Gamma.DestinationUrl) (disabled)"
    }

    It 'the completed name finds the webhook' {
        $completion = @(Get-Completion "Get-TableauWebhook -Name 'beta")
        $completion.Count | Should -Be 1
        $found = @(& ([scriptblock]::Create("Get-TableauWebhook -Name $($completion[0].CompletionText)")))
        @($found.Id) | Should -Be @($Quoted.Id)
    }

    It 'completes the webhooks of the session given with -Session' {
        $completions = Get-Completion 'Get-TableauWebhook -Session $Finance -Name '
        @($completions.ListItemText) | Should -Be @('finance-only')
    }

    It 'completes the webhooks of the new site after Switch-TableauSite' {
        try {
            Switch-TableauSite -Site finance
            $completions = Get-Completion 'Get-TableauWebhook -Name '
            @($completions.ListItemText) | Should -Be @('finance-only')
        }
        finally {
            Switch-TableauSite -Site ''
        }
        @((Get-Completion 'Get-TableauWebhook -Name ').ListItemText) | Should -Contain 'alpha one'
    }

    It 'offers no webhook to a user who may not list them' {
        $webhookNames = @('finance-only') + @(Get-TableauWebhook | ForEach-Object { $_.Name })
        $completions = Get-Completion 'Get-TableauWebhook -Session $Viewer -Name '
        @($completions | Where-Object { $webhookNames -contains $_.ListItemText }) | Should -BeNullOrEmpty
    }
}

Describe '<Command> -<Parameter> completes the names of the session''s webhooks' -ForEach $NameCompleterCases {
    It 'offers the names that start with what was typed, ignoring case, from the default session or -Session' {
        @((Get-Completion "$Command -$Parameter ALP").ListItemText) | Should -Be @('alpha one', 'alpha-two')
        @((Get-Completion "$Command -$Parameter 'alpha o").CompletionText) | Should -Be @("'alpha one'")
        @((Get-Completion "$Command -Session `$Finance -$Parameter ").ListItemText) | Should -Be @('finance-only')
    }

    It 'the completed name selects that webhook' {
        $completion = @(Get-Completion "$Command -$Parameter 'beta")
        $completion.Count | Should -Be 1
        $found = @(& ([scriptblock]::Create("Get-TableauWebhook -$Parameter $($completion[0].CompletionText)")))
        @($found.Id) | Should -Be @($Quoted.Id)
    }
}

Describe '<Command> -Id completes webhook ids' -ForEach $IdCases {
    It 'typing the start of a name offers the ids of those webhooks, listed by name' {
        $completions = Get-Completion "$Command -Id alpha"
        @($completions.CompletionText) | Should -Be @([string] $AlphaOne.Id, [string] $AlphaTwo.Id)
        @($completions.ListItemText) | Should -Be @("alpha one ($($AlphaOne.Id))", "alpha-two ($($AlphaTwo.Id))")
        @($completions)[1].ToolTip | Should -Be "alpha-two: ViewDeleted -> $($AlphaTwo.DestinationUrl)"
    }

    It 'typing the start of an id offers that webhook' {
        $prefix = ([string] $Gamma.Id).Substring(0, 8)
        $expected = @(Get-TableauWebhook | Where-Object { ([string] $_.Id).StartsWith($prefix) -or $_.Name.StartsWith($prefix) })
        $completions = Get-Completion "$Command -Id $prefix"
        @($completions.CompletionText) | Should -Be @($expected | ForEach-Object { [string] $_.Id })
        @($completions.CompletionText) | Should -Contain ([string] $Gamma.Id)
    }
}

Describe 'Webhook id completion' {
    It 'the completed id names the webhook' {
        $completion = @(Get-Completion 'Get-TableauWebhook -Id gam')
        $completion.Count | Should -Be 1
        $found = & ([scriptblock]::Create("Get-TableauWebhook -Id $($completion[0].CompletionText)"))
        $found.Name | Should -Be 'gamma'
    }
}

Describe '<Command> -<Parameter> completes site contentUrls' -ForEach $SiteCases {
    BeforeAll {
        $script:Line = $Prefix.Replace('{Server}', $Simulator.BaseUrl)
    }

    It 'offers every site of the server, the Default site as ''''' {
        $sites = @(Get-TableauSite | ForEach-Object { $_.ContentUrl })
        $sites | Should -Contain 'finance'
        $sites | Should -Contain ''
        $completions = Get-Completion $Line
        @($completions | ForEach-Object { Read-CompletionText $_.CompletionText }) | Should -Be (Sort-Ordinal $sites)
        $default = @($completions | Where-Object { $_.CompletionText -eq "''" })
        $default.Count | Should -Be 1
        $default[0].ListItemText | Should -Be '(Default)'
        $default[0].ToolTip | Should -Be 'The Default site'
        $finance = @($completions | Where-Object { $_.CompletionText -eq 'finance' })[0]
        $finance.ListItemText | Should -Be 'finance'
        $finance.ToolTip | Should -Be 'Site finance'
    }

    It 'filters by the typed start of the contentUrl' {
        $completions = Get-Completion "${Line}FI"
        @($completions.CompletionText) | Should -Be @('finance')
    }
}

Describe 'Site completion' {
    It 'completes the positional -Site of Switch-TableauSite' {
        @((Get-Completion 'Switch-TableauSite fin').CompletionText) | Should -Be @('finance')
    }

    It 'gives a user who may not list sites the site they are on' {
        { Get-TableauSite -Session $Viewer -ErrorAction Stop } | Should -Throw
        $completions = Get-Completion 'Switch-TableauSite -Session $Viewer -Site '
        @($completions.CompletionText) | Should -Be @('finance')
    }

    It 'offers no site for a server with no session (Connect-TableauServer to another server)' {
        $other = 'http://127.0.0.2:1'
        $completions = Get-Completion "Connect-TableauServer -Server $other -Site "
        @($completions | Where-Object { $_.CompletionText -eq 'finance' -or $_.CompletionText -eq "''" }) | Should -BeNullOrEmpty
    }

    It 'the completed site is one Switch-TableauSite moves to' {
        $completion = @(Get-Completion 'Switch-TableauSite -Site fin')
        try {
            $session = & ([scriptblock]::Create("Switch-TableauSite -Site $($completion[0].CompletionText) -PassThru"))
            $session.Site | Should -Be 'finance'
        }
        finally {
            Switch-TableauSite -Site ''
        }
        (Get-TableauSession | Where-Object { $_.IsDefault }).Site | Should -Be ''
    }
}
