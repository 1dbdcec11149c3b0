# Issue 21, point 3: a site keeps one webhook per name. New-TableauWebhook and Set-TableauWebhook -NewName refuse a name
# another webhook of the site has (WebhookNameExists, naming it), so running the same Import-Csv of a real file twice
# creates nothing twice; before, every run added a copy of every row. Checked against the simulator's webhooks and its
# request log. Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator
    $script:Receiver = $Simulator.ReceiverUrl

    function script:Get-ListCount {
        param([int] $AtLeast = 0)
        @(Wait-TestSimulatorRequest $Simulator -Where { $_.method -eq 'GET' -and $_.path -match '/webhooks$' } -AtLeast $AtLeast -What 'webhook lists').Count
    }

    function script:Get-CreateCount {
        param([int] $AtLeast = 0)
        @(Wait-TestSimulatorRequest $Simulator -Where { $_.method -eq 'POST' -and $_.path -match '/webhooks$' } -AtLeast $AtLeast -What 'creates').Count
    }

    # Runs a command line as typed at the prompt; returns its output and its non-terminating errors apart.
    function script:Invoke-Typed {
        param([scriptblock] $Command)
        $ErrorActionPreference = 'Continue'
        $all = @(& $Command 2>&1)
        [pscustomobject]@{
            Output = @($all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] })
            Errors = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        }
    }
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe 'Import-Csv of the same file, run twice' {
    BeforeAll {
        $null = Initialize-TestSimulator $Simulator
        $script:Path = Join-Path $TestDrive 'hooks.csv'
        @(
            'Name,Event,DestinationUrl'
            "extract-failed,DatasourceRefreshFailed,${Receiver}alerts"
            "workbook-published,WorkbookCreated,${Receiver}catalog"
            "Extract-Failed,DatasourceRefreshFailed,${Receiver}alerts-again"
        ) | Set-Content -LiteralPath $Path -Encoding UTF8

        $script:First = Invoke-Typed { Import-Csv -LiteralPath $Path | New-TableauWebhook }
        $script:ListsAfterFirst = Get-ListCount -AtLeast 1
        $script:CreatesAfterFirst = Get-CreateCount -AtLeast 2
        $script:Second = Invoke-Typed { Import-Csv -LiteralPath $Path | New-TableauWebhook -ThrottleLimit 4 }
        $script:ListsAfterSecond = Get-ListCount -AtLeast 2
        $script:CreatesAfterSecond = Get-CreateCount -AtLeast 2
    }

    It 'the first run creates each name once: the row that repeats a name in another case is refused' {
        @($First.Output.Name) | Should -Be @('extract-failed', 'workbook-published')
        $First.Errors.Count | Should -Be 1
        $First.Errors[0].FullyQualifiedErrorId | Should -Be 'WebhookNameExists,TableauWebhooks.Commands.NewTableauWebhookCommand'
        $First.Errors[0].CategoryInfo.Category | Should -Be 'ResourceExists'
        $First.Errors[0].TargetObject | Should -Be 'Extract-Failed'
        $id = ($First.Output | Where-Object Name -eq 'extract-failed').Id
        "$($First.Errors[0])" | Should -Be ("Webhook 'Extract-Failed': not created, because the Default site already has a webhook named 'extract-failed' (id $id). " +
            'Names that differ only in case or in spaces around them count as the same name.')
        $CreatesAfterFirst | Should -Be 2
    }

    It 'the second run creates nothing and refuses every row, naming the webhook that has the name' {
        $Second.Output.Count | Should -Be 0
        $Second.Errors.Count | Should -Be 3
        foreach ($refusal in $Second.Errors) { $refusal.FullyQualifiedErrorId | Should -BeLike 'WebhookNameExists,*' }
        "$($Second.Errors[1])" | Should -Match "named 'workbook-published' \(id $(($First.Output | Where-Object Name -eq 'workbook-published').Id)\)"
        $CreatesAfterSecond | Should -Be 2
        @(Get-TableauWebhook | Sort-Object Name).Name | Should -Be @('extract-failed', 'workbook-published')
    }

    It 'each run read the site once, not once per row' {
        $ListsAfterFirst | Should -Be 1
        $ListsAfterSecond | Should -Be 2
    }
}

Describe 'New-TableauWebhook and Set-TableauWebhook at the prompt' {
    BeforeEach {
        $null = Initialize-TestSimulator $Simulator
        $script:Nightly = New-TableauWebhook -Name 'nightly' -Event DatasourceRefreshFailed -DestinationUrl "${Receiver}nightly"
        $script:Weekly = New-TableauWebhook -Name 'weekly' -Event DatasourceRefreshFailed -DestinationUrl "${Receiver}weekly"
    }

    It 'New-TableauWebhook with a taken name stops under -ErrorAction Stop and sends no create' {
        $thrown = { New-TableauWebhook -Name 'nightly' -Event WorkbookCreated -DestinationUrl "${Receiver}x" -ErrorAction Stop } |
            Should -Throw -ErrorId 'WebhookNameExists,TableauWebhooks.Commands.NewTableauWebhookCommand' -PassThru
        Get-CreateCount -AtLeast 2 | Should -Be 2
        $thrown.ErrorDetails.RecommendedAction | Should -Match "Set-TableauWebhook -Id $($Nightly.Id)"
    }

    It '-AllowDuplicateName creates the second webhook of the name' {
        $second = New-TableauWebhook -Name 'nightly' -Event WorkbookCreated -DestinationUrl "${Receiver}x" -AllowDuplicateName -ErrorAction Stop
        @(Get-TableauWebhook -LiteralName 'nightly').Id | Should -Be @($Nightly.Id, $second.Id)
    }

    It 'Set-TableauWebhook -NewName refuses another webhook''s name, sends no change, and takes the webhook''s own name in another case' {
        $typed = Invoke-Typed { Set-TableauWebhook -Name 'weekly' -NewName 'NIGHTLY' }
        $typed.Output.Count | Should -Be 0
        $typed.Errors.Count | Should -Be 1
        $typed.Errors[0].FullyQualifiedErrorId | Should -Be 'WebhookNameExists,TableauWebhooks.Commands.SetTableauWebhookCommand'
        "$($typed.Errors[0])" | Should -BeLike "Webhook 'weekly' ($($Weekly.Id)): not renamed to 'NIGHTLY', because the Default site already has a webhook named 'nightly' (id $($Nightly.Id)).*"
        @(Wait-TestSimulatorRequest $Simulator -Where { $_.method -eq 'PUT' }).Count | Should -Be 0

        (Set-TableauWebhook -Name 'nightly' -NewName 'Nightly' -PassThru -ErrorAction Stop).Name | Should -BeExactly 'Nightly'
    }

    It '-WhatIf reads the site, sends nothing and shows the refusal the run would meet' {
        $typed = Invoke-Typed { New-TableauWebhook -Name 'weekly' -Event WorkbookCreated -DestinationUrl "${Receiver}x" -WhatIf }
        $typed.Errors.Count | Should -Be 1
        $typed.Errors[0].FullyQualifiedErrorId | Should -BeLike 'WebhookNameExists,*'
        Get-CreateCount -AtLeast 2 | Should -Be 2
    }
}
