# Webhook names that PowerShell reads specially: wildcard characters, quotes of every kind, a backtick, a leading dash,
# a leading digit, unicode and a very long name. -Name takes wildcards (PowerShell's convention), so tab completion must
# insert a name escaped, -LiteralName must take a name as it is, and a webhook that was found never comes with a
# "not found" error. In real PowerShell: TabExpansion2 on typed lines, the completed text pasted back as an argument.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike; the file is ASCII, so non-ASCII names are built from code
# points (Windows PowerShell reads a BOM-less script as ANSI).
BeforeDiscovery {
    $longName = 'long [' + ('x' * 200) + ']*?'
    $script:NameCases = @(
        @{ Label = 'prod*'; Name = 'prod*' }
        @{ Label = 'a[1]'; Name = 'a[1]' }
        @{ Label = '50% off?'; Name = '50% off?' }
        @{ Label = 'single quotes'; Name = "O'Brien's 'alerts'" }
        @{ Label = 'double quotes'; Name = 'say "hi" now' }
        @{ Label = 'typographic quotes'; Name = ('it' + [char] 0x2019 + 's ' + [char] 0x201C + 'fine' + [char] 0x201D) }
        @{ Label = 'unicode'; Name = ([char] 0x00DC + 'berwachung ' + [char] 0x2013 + ' ' + [char] 0x8B66 + [char] 0x544A) }
        @{ Label = 'a backtick'; Name = 'tick`tock' }
        @{ Label = 'a leading dash'; Name = '-dash' }
        @{ Label = 'a leading en dash'; Name = ([char] 0x2013 + 'dash') }
        @{ Label = 'a leading digit'; Name = '1kb' }
        @{ Label = 'a 200+ character name'; Name = $longName }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator

    # What pressing Tab at the end of the line offers.
    function script:Get-Completion {
        param([string] $Line)
        @((TabExpansion2 -inputScript $Line -cursorColumn $Line.Length).CompletionMatches)
    }

    # The one completion listed as this name.
    function script:Get-CompletionFor {
        param([string] $Line, [string] $Name)
        $matching = @(Get-Completion $Line | Where-Object { $_.ListItemText -ceq $Name })
        $matching.Count | Should -Be 1 -Because "Tab on '$Line' should list '$Name' once"
        $matching[0]
    }

    # Runs a command line as typed at the prompt; returns its output and its non-terminating errors apart.
    function script:Invoke-Typed {
        param([string] $Line)
        # The suite runs with 'Stop'; at the prompt a non-terminating error lets the command go on.
        $ErrorActionPreference = 'Continue'
        $all = @(& ([scriptblock]::Create($Line)) 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }

    # Escapes every character -Name reads as a wildcard or an escape, in every PowerShell (WildcardPattern.Escape
    # leaves a lone backtick alone in 5.1, 7.4 and 7.5: PowerShell/PowerShell#16306).
    function script:ConvertTo-EscapedName {
        param([string] $Name)
        $Name -replace '([*?\[\]`])', '`$1'
    }

    function script:Reset-Webhooks {
        param([string[]] $Names)
        # Not connected before the first reset: that is a terminating error.
        try { Disconnect-TableauServer } catch { }
        Reset-TestSimulator $Simulator
        # A new session: completion caches what it fetched per session for a short while.
        Connect-TestSimulator $Simulator
        $hooks = @{}
        foreach ($name in $Names) {
            $hooks[$name] = New-TableauWebhook -Name $name -Event WorkbookCreated -DestinationUrl "$($Simulator.ReceiverUrl)names"
        }
        $hooks
    }
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe 'Finding 1: -LiteralName asks for one exact name, in its own parameter set' {
    BeforeAll {
        $script:Hooks = Reset-Webhooks @('a[1]', 'a1', 'prod*', 'prod-finance')
    }

    It '-Name keeps wildcards (a[1] finds a1) while -LiteralName a[1] finds only a[1], in its own parameter set' {
        @(Get-TableauWebhook -Name 'a[1]').Name | Should -Be @('a1')
        @(Get-TableauWebhook -LiteralName 'a[1]' -ErrorAction Stop).Id | Should -Be @($Hooks['a[1]'].Id)
        @(Get-TableauWebhook -LiteralName 'A[1]', 'prod*' -ErrorAction Stop | Sort-Object Name).Name | Should -Be @('a[1]', 'prod*')
        { Get-TableauWebhook -Name 'a1' -LiteralName 'a[1]' } | Should -Throw -ErrorId 'AmbiguousParameterSet,TableauWebhooks.Commands.GetTableauWebhookCommand'
    }

    It '-LiteralName of a missing name writes WebhookNotFound, and a piped webhook does not bind to it' {
        $typed = Invoke-Typed "Get-TableauWebhook -LiteralName 'nope[1]'"
        $typed.Output.Count | Should -Be 0
        $typed.Errors.Count | Should -Be 1
        $typed.Errors[0].FullyQualifiedErrorId | Should -Be 'WebhookNotFound,TableauWebhooks.Commands.GetTableauWebhookCommand'
        $typed.Errors[0].TargetObject | Should -Be 'nope[1]'
        # A piped webhook re-reads by its Id, never by its (not unique) name.
        @($Hooks['a[1]'] | Get-TableauWebhook -ErrorAction Stop).Id | Should -Be @($Hooks['a[1]'].Id)
        (Get-Command Get-TableauWebhook).Parameters['LiteralName'].ParameterSets.Values.ValueFromPipelineByPropertyName | Should -Be @($false)
    }
}

Describe 'Finding 1: a completed name selects exactly that webhook' -ForEach @(@{ Cases = $NameCases }) {
    BeforeAll {
        # Each name beside decoys that its unescaped form would match as a pattern.
        $decoys = @('prod-finance', 'a1', '50% off!', 'ticktock', 'long x')
        $script:Hooks = Reset-Webhooks (@($Cases | ForEach-Object { $_.Name }) + $decoys)
    }

    It 'Tab on -Name prod offers prod* escaped, so the completed line selects only prod*' {
        $completions = Get-Completion 'Get-TableauWebhook -Name prod'
        @($completions.ListItemText) | Should -Be @('prod*', 'prod-finance')
        @($completions.CompletionText) | Should -Be @("'prod``*'", 'prod-finance')
        $typed = Invoke-Typed "Get-TableauWebhook -Name $($completions[0].CompletionText)"
        @($typed.Output.Id) | Should -Be @($Hooks['prod*'].Id)
        $typed.Errors.Count | Should -Be 0
    }

    It 'the name with <Label>: its -Name completion, -LiteralName and its completion, and the escaped -Name each select exactly it' -ForEach $NameCases {
        $id = $Hooks[$Name].Id

        $completion = Get-CompletionFor 'Get-TableauWebhook -Name ' $Name
        $typed = Invoke-Typed "Get-TableauWebhook -Name $($completion.CompletionText)"
        @($typed.Output.Id) | Should -Be @($id) -Because "-Name $($completion.CompletionText) should select only '$Name'"
        $typed.Errors.Count | Should -Be 0

        $literal = Get-CompletionFor 'Get-TableauWebhook -LiteralName ' $Name
        $typed = Invoke-Typed "Get-TableauWebhook -LiteralName $($literal.CompletionText)"
        @($typed.Output.Id) | Should -Be @($id) -Because "-LiteralName $($literal.CompletionText) should select only '$Name'"
        $typed.Errors.Count | Should -Be 0

        @(Get-TableauWebhook -LiteralName $Name -ErrorAction Stop).Id | Should -Be @($id)
        @(Get-TableauWebhook -Name (ConvertTo-EscapedName $Name) -ErrorAction Stop).Id | Should -Be @($id)
    }
}

Describe 'Finding 1: a completed name piped to Remove-TableauWebhook removes only that webhook' {
    BeforeAll {
        $script:Hooks = Reset-Webhooks @('prod*', 'prod-finance')
    }

    It 'Get-TableauWebhook -Name (Tab on prod, picking prod*) | Remove-TableauWebhook leaves prod-finance' {
        $completion = Get-CompletionFor 'Get-TableauWebhook -Name prod' 'prod*'
        $typed = Invoke-Typed "Get-TableauWebhook -Name $($completion.CompletionText) | Remove-TableauWebhook -Confirm:`$false"
        $typed.Errors.Count | Should -Be 0
        @(Get-TableauWebhook).Name | Should -Be @('prod-finance')
    }
}

Describe 'Finding 2: a webhook found by an escaped name comes without a "not found" error' {
    BeforeAll {
        $script:Hooks = Reset-Webhooks @('a[1]', 'a1', 'prod*', 'prod-finance')
    }

    It "-Name 'a``[1``]' writes a[1] and no error, and -ErrorAction Stop does not fail" {
        $typed = Invoke-Typed "Get-TableauWebhook -Name 'a``[1``]'"
        @($typed.Output.Id) | Should -Be @($Hooks['a[1]'].Id)
        $typed.Errors.Count | Should -Be 0
        @(Get-TableauWebhook -Name 'a`[1`]' -ErrorAction Stop).Name | Should -Be @('a[1]')
        @(Get-TableauWebhook -Name 'prod`*', 'a`[1`]' -ErrorAction Stop | Sort-Object Name).Name | Should -Be @('a[1]', 'prod*')
    }

    It 'an escaped name that matches nothing is still reported, once, as the user wrote it' {
        $typed = Invoke-Typed "Get-TableauWebhook -Name 'b``[1``]', 'a``[1``]'"
        @($typed.Output.Name) | Should -Be @('a[1]')
        $typed.Errors.Count | Should -Be 1
        $typed.Errors[0].FullyQualifiedErrorId | Should -Be 'WebhookNotFound,TableauWebhooks.Commands.GetTableauWebhookCommand'
        $typed.Errors[0].TargetObject | Should -Be 'b`[1`]'
        $typed.Errors[0].Exception.Message.Contains("'b``[1``]'") | Should -BeTrue
    }
}

# Issue 21, point 8: the cmdlets that act on webhooks took only -Id or piped webhooks, although an admin types
# `Remove-TableauWebhook -Name 'old-*'` first (as Stop-Process -Name teaches). They select by -Name and -LiteralName now,
# as Get-TableauWebhook does, with the same completion.
Describe 'Issue 21: <Command> selects webhooks by -Name and -LiteralName' -ForEach @(
    @{ Command = 'Remove-TableauWebhook'; Arguments = '-Confirm:$false' }
    @{ Command = 'Set-TableauWebhook'; Arguments = '-DestinationUrl "$($Simulator.ReceiverUrl)moved" -PassThru' }
    @{ Command = 'Enable-TableauWebhook'; Arguments = '-PassThru' }
    @{ Command = 'Disable-TableauWebhook'; Arguments = '-PassThru' }
    @{ Command = 'Test-TableauWebhook'; Arguments = '' }
) {
    BeforeEach {
        $script:Hooks = Reset-Webhooks @('prod*', 'prod-finance', 'a[1]', 'a1')

        # The ids the command acted on: what it returned, or for Remove-TableauWebhook, what is gone.
        function script:Get-ActedOn {
            param([string] $Line)
            $typed = Invoke-Typed $Line
            $typed.Errors.Count | Should -Be 0 -Because "$Line should write no error"
            if ($Command -eq 'Remove-TableauWebhook') {
                $left = @(Get-TableauWebhook | ForEach-Object { $_.Id })
                return @($Hooks.Values | Where-Object { $left -notcontains $_.Id } | Sort-Object Name | ForEach-Object { $_.Id })
            }
            @($typed.Output | ForEach-Object { if ($_.PSObject.Properties['WebhookId']) { $_.WebhookId } else { $_.Id } })
        }
    }

    It 'Tab on -Name prod offers prod* escaped, and the completed line acts on prod* alone' {
        $completion = Get-CompletionFor "$Command -Name prod" 'prod*'
        $completion.CompletionText | Should -Be "'prod``*'"
        Get-ActedOn "$Command -Name $($completion.CompletionText) $Arguments" | Should -Be @($Hooks['prod*'].Id)
    }

    It 'Tab on -LiteralName a[ offers a[1] as it is, and the completed line acts on a[1] alone' {
        $completion = Get-CompletionFor "$Command -LiteralName 'a[" 'a[1]'
        $completion.CompletionText | Should -Be "'a[1]'"
        Get-ActedOn "$Command -LiteralName $($completion.CompletionText) $Arguments" | Should -Be @($Hooks['a[1]'].Id)
    }

    It 'a pattern acts on every webhook it matches' {
        @(Get-ActedOn "$Command -Name 'PROD*' $Arguments" | Sort-Object) | Should -Be @(@($Hooks['prod*'].Id, $Hooks['prod-finance'].Id) | Sort-Object)
    }

    It 'a name or pattern that selects nothing is one WebhookNotFound error each, and -ErrorAction Stop stops before any change' {
        $typed = Invoke-Typed "$Command -Name 'nothing*', 'a1', 'missing' $Arguments"
        @($typed.Errors | ForEach-Object { $_.FullyQualifiedErrorId }) | Should -Be @("WebhookNotFound,TableauWebhooks.Commands.$($Command.Replace('-', ''))Command", "WebhookNotFound,TableauWebhooks.Commands.$($Command.Replace('-', ''))Command")
        @($typed.Errors | ForEach-Object { $_.TargetObject }) | Should -Be @('nothing*', 'missing')

        # Requests that create, change, remove or test a webhook: the four creates of the reset, then the one for a1.
        $changes = { $_.path -match '/webhooks' -and ($_.method -ne 'GET' -or $_.path -match '/test$') }
        @(Wait-TestSimulatorRequest $Simulator -Where $changes -AtLeast 5 -What 'webhook changes').Count | Should -Be 5
        { & ([scriptblock]::Create("$Command -LiteralName 'a[1]', 'missing' $Arguments -ErrorAction Stop")) } | Should -Throw -ErrorId "WebhookNotFound,*"
        @(Get-TestSimulatorRequest $Simulator | Where-Object $changes).Count | Should -Be 5
    }
}

Describe 'Issue 21: -WhatIf with -Name lists each webhook it would act on' {
    BeforeAll {
        $script:Hooks = Reset-Webhooks @('old-1', 'old-2', 'keep')
        $script:Child = Invoke-SignedInChildPowerShell $Simulator @"
Remove-TableauWebhook -Name 'old-*' -WhatIf
Set-TableauWebhook -Name 'old-*' -NewName 'renamed' -WhatIf
Disable-TableauWebhook -Name 'old-*' -WhatIf
'WHATIF-DONE'
"@
        # Joined back in case a console host wrapped the long lines.
        $script:Text = $Child.StdOut -replace '\r?\n(?!What if:|WHATIF)', ''
    }

    It 'Remove-TableauWebhook -Name ''old-*'' -WhatIf lists old-1 and old-2, one line each' {
        $Child.StdOut | Should -Match 'WHATIF-DONE'
        foreach ($name in 'old-1', 'old-2') {
            $Text | Should -Match ([regex]::Escape("What if: Performing the operation `"Remove webhook`" on target `"'$name' ($($Hooks[$name].Id))"))
        }
        @([regex]::Matches($Text, 'What if: Performing the operation "Remove webhook"')).Count | Should -Be 2
    }

    It 'Set-TableauWebhook lists the first rename and refuses the second, which would repeat its new name' {
        @([regex]::Matches($Text, [regex]::Escape("Update webhook (Name = 'renamed')"))).Count | Should -Be 1
        # The refusal is an error: on the child's error output, its lines joined back.
        ($Child.StdErr -replace '\s+', ' ') | Should -Match ([regex]::Escape("Webhook 'old-2' ($($Hooks['old-2'].Id)): not renamed to 'renamed', because webhook 'old-1' ($($Hooks['old-1'].Id)), earlier in this command, would be renamed to 'renamed'"))
    }

    It 'Disable-TableauWebhook lists both, and nothing was changed' {
        @([regex]::Matches($Text, 'What if: Performing the operation "Disable webhook"')).Count | Should -Be 2
        @(Get-TableauWebhook | Sort-Object Name | ForEach-Object { '{0}|{1}' -f $_.Name, $_.Enabled }) | Should -Be @('keep|True', 'old-1|True', 'old-2|True')
    }
}
