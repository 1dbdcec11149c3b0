# Issue 21, point 4: one server at a time. A webhook's id names it on its own server only, so a webhook piped with the
# -Session of another server is refused (WebhookFromOtherServer, naming both servers) before anything is sent; before,
# `Get-TableauWebhook -Session $dev | Remove-TableauWebhook -Session $prod` signed in to prod's site of the same name
# and sent dev's ids there. Two simulators, each with its own request log, show that neither was sent anything.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeDiscovery {
    # Every cmdlet that takes piped webhooks, with what else it needs.
    $script:Crossings = @(
        @{ Command = 'Remove-TableauWebhook'; Arguments = @{ Confirm = $false } }
        @{ Command = 'Set-TableauWebhook'; Arguments = @{ DestinationUrl = 'https://hooks.example.com/moved' } }
        @{ Command = 'Enable-TableauWebhook'; Arguments = @{} }
        @{ Command = 'Disable-TableauWebhook'; Arguments = @{ Reason = 'crossed' } }
        @{ Command = 'Test-TableauWebhook'; Arguments = @{} }
        @{ Command = 'Get-TableauWebhook'; Arguments = @{} }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:DevServer = Start-TestSimulator
    $script:ProdServer = Start-TestSimulator

    # What each server has, to compare before and after.
    function script:Get-State {
        param($Session)
        @(Get-TableauWebhook -Session $Session | Sort-Object Name | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Id, $_.Name, $_.DestinationUrl, $_.Enabled })
    }
}

AfterAll {
    Stop-TestSimulator $DevServer
    Stop-TestSimulator $ProdServer
}

Describe '<Command> of a webhook piped from dev with -Session $prod' -ForEach $Crossings {
    BeforeAll {
        $script:Dev = Initialize-TestSimulator $DevServer
        Disconnect-TestSimulatorSession $ProdServer
        Reset-TestSimulator $ProdServer
        $script:Prod = Connect-TestSimulator $ProdServer -PassThru
        # The same name on both, as after a promotion: only the server tells them apart.
        $script:OnDev = New-TableauWebhook -Session $Dev -Name 'nightly' -Event WorkbookCreated -DestinationUrl "$($DevServer.ReceiverUrl)dev"
        $null = New-TableauWebhook -Session $Prod -Name 'nightly' -Event WorkbookCreated -DestinationUrl "$($ProdServer.ReceiverUrl)prod"
        $script:DevBefore = Get-State $Dev
        $script:ProdBefore = Get-State $Prod
        # Each server has had its create and its list; waited for, as the simulator logs a request just after answering it.
        $script:DevLogBefore = @(Wait-TestSimulatorRequest $DevServer -Where { $_.path -match '/webhooks' } -AtLeast 2 -What 'webhook requests').Count
        $script:ProdLogBefore = @(Wait-TestSimulatorRequest $ProdServer -Where { $_.path -match '/webhooks' } -AtLeast 2 -What 'webhook requests').Count

        $ErrorActionPreference = 'Continue'
        $script:Output = @(Get-TableauWebhook -Session $Dev | & $Command -Session $Prod @Arguments -ErrorVariable refused 2>$null)
        $script:Refused = @($refused)
    }

    It 'is refused with WebhookFromOtherServer, naming the webhook and both servers' {
        $Output.Count | Should -Be 0
        $Refused.Count | Should -Be 1
        $Refused[0].FullyQualifiedErrorId | Should -BeLike 'WebhookFromOtherServer,*'
        $Refused[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $Refused[0].TargetObject.Id | Should -Be $OnDev.Id
        "$($Refused[0])" | Should -Be ("Webhook 'nightly' ($($OnDev.Id)): it is a webhook of $($DevServer.BaseUrl), but -Session is signed in to " +
            "$($ProdServer.BaseUrl), so nothing was sent. Its id names a webhook of $($DevServer.BaseUrl) only.")
    }

    It 'sends prod nothing, and dev nothing beyond the list that was piped' {
        # The list piped in is dev's one webhook request; prod was sent no webhook request at all.
        $devAfter = @(Wait-TestSimulatorRequest $DevServer -Where { $_.path -match '/webhooks' } -AtLeast ($DevLogBefore + 1) -What 'webhook requests')
        $devAfter.Count | Should -Be ($DevLogBefore + 1)
        $devAfter[-1].method | Should -Be 'GET'
        $devAfter[-1].path | Should -Match '/webhooks$'
        @(Get-TestSimulatorRequest $ProdServer | Where-Object { $_.path -match '/webhooks' }).Count | Should -Be $ProdLogBefore
        @(Get-TestSimulatorRequest $ProdServer | Where-Object { $_.path -match $OnDev.Id }) | Should -BeNullOrEmpty
        Get-State $Dev | Should -Be $DevBefore
        Get-State $Prod | Should -Be $ProdBefore
    }
}

Describe 'Without -Session, or with a session to the same server' {
    BeforeAll {
        $script:Dev = Initialize-TestSimulator $DevServer
        $script:Finance = Connect-TableauServer -Server "$($DevServer.BaseUrl)/#/site/finance/home" -Credential (New-TestCredential) -NotDefault -PassThru
        Disconnect-TestSimulatorSession $ProdServer
        $script:Prod = Connect-TestSimulator $ProdServer -PassThru
    }

    It 'a piped webhook goes back to its own server, whatever the default session is' {
        $hook = New-TableauWebhook -Session $Dev -Name 'own-server' -Event WorkbookCreated -DestinationUrl "$($DevServer.ReceiverUrl)own"
        # Prod is the default session now.
        (Get-TableauSession | Where-Object IsDefault).Server.AbsoluteUri | Should -Be "$($ProdServer.BaseUrl)/"
        $hook | Remove-TableauWebhook -Confirm:$false -ErrorAction Stop
        @(Get-TableauWebhook -Session $Dev -LiteralName 'own-server' -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'a -Session to another site of the same server is taken, and the webhook changed on its own site' {
        $hook = New-TableauWebhook -Session $Dev -Name 'default-site' -Event WorkbookCreated -DestinationUrl "$($DevServer.ReceiverUrl)d"
        $disabled = $hook | Disable-TableauWebhook -Session $Finance -PassThru -ErrorAction Stop
        $disabled.Site | Should -Be ''
        (Get-TableauWebhook -Session $Dev -LiteralName 'default-site').Enabled | Should -BeFalse
        @(Get-TableauWebhook -Session $Finance) | Should -BeNullOrEmpty
    }
}
