# One convention for output: Set-, Enable- and Disable-TableauWebhook write nothing unless -PassThru (PowerShell's
# convention for Set-*), and a Set that changes nothing sends nothing and says so on the verbose stream. PUTs are
# counted in the simulator's request log.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator

    # The PUTs the simulator answered, once a GET made after the command is in its log too (it logs each request just
    # after answering it), so that a PUT the command sent cannot still be on its way to the log.
    function script:Get-PutCount {
        $marker = [guid]::NewGuid()
        $null = Get-TableauWebhook -Id $marker -ErrorAction SilentlyContinue
        $null = Wait-TestSimulatorRequest $Simulator -Where { $_.method -eq 'GET' -and $_.path -like "*$marker" } -AtLeast 1 -What 'GET after the command'
        @(Get-TestSimulatorRequest $Simulator | Where-Object { $_.method -eq 'PUT' }).Count
    }
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe '<Command> writes nothing unless -PassThru' -ForEach @(
    @{ Command = 'Set-TableauWebhook'; Arguments = @{ NewName = 'changed' }; Name = 'changed'; Enabled = $true }
    @{ Command = 'Disable-TableauWebhook'; Arguments = @{}; Name = 'convention'; Enabled = $false }
    @{ Command = 'Enable-TableauWebhook'; Arguments = @{}; Name = 'convention'; Enabled = $true }
) {
    BeforeEach {
        $script:Session = Initialize-TestSimulator $Simulator
        $script:Hook = New-TableauWebhook -Name 'convention' -Event WorkbookCreated -DestinationUrl "$($Simulator.ReceiverUrl)convention" -Disabled:($Command -eq 'Enable-TableauWebhook')
    }

    AfterEach {
        Remove-TestWebhook -Session $Session -Id $Hook.Id
    }

    It 'makes the change and writes nothing' {
        $output = @(& $Command -Id $Hook.Id @Arguments)

        $output.Count | Should -Be 0
        $now = Get-TableauWebhook -Id $Hook.Id
        '{0}|{1}' -f $now.Name, $now.Enabled | Should -Be ('{0}|{1}' -f $Name, $Enabled)
    }

    It 'with -PassThru writes the webhook as changed' {
        $output = @(& $Command -Id $Hook.Id @Arguments -PassThru)

        $output.Count | Should -Be 1
        $output[0] | Should -BeOfType ([TableauWebhooks.Output.TableauWebhook])
        '{0}|{1}|{2}' -f $output[0].Id, $output[0].Name, $output[0].Enabled | Should -Be ('{0}|{1}|{2}' -f $Hook.Id, $Name, $Enabled)
    }
}

Describe 'Set-TableauWebhook with values the webhook already has' {
    BeforeEach {
        $script:Session = Initialize-TestSimulator $Simulator
        $script:Url = "$($Simulator.ReceiverUrl)same"
        $script:Hook = New-TableauWebhook -Name 'same' -Event DatasourceRefreshFailed -DestinationUrl $Url
        $script:PutsBefore = Get-PutCount
    }

    AfterEach {
        Remove-TestWebhook -Session $Session -Id $Hook.Id
    }

    It 'sends no PUT and says so on the verbose stream, when named by <Selection>' -ForEach @(
        @{ Selection = '-Id'; Script = { Set-TableauWebhook -Id $Hook.Id -NewName 'same' -Event DatasourceRefreshFailed -DestinationUrl $Url -Verbose 4>&1 } }
        @{ Selection = '-Name'; Script = { Set-TableauWebhook -Name 'same' -DestinationUrl $Url -Verbose 4>&1 } }
        @{ Selection = '-LiteralName'; Script = { Set-TableauWebhook -LiteralName 'same' -NewName 'same' -Verbose 4>&1 } }
        @{ Selection = 'a piped webhook'; Script = { Get-TableauWebhook -Id $Hook.Id | Set-TableauWebhook -DestinationUrl $Url -Verbose 4>&1 } }
        @{ Selection = 'the legacy event name'; Script = { Set-TableauWebhook -Id $Hook.Id -Event 'webhook-source-event-datasource-refresh-failed' -Verbose 4>&1 } }
        @{ Selection = 'a URL with spaces around it'; Script = { Set-TableauWebhook -Id $Hook.Id -DestinationUrl " $Url " -Verbose 4>&1 } }
    ) {
        $output = @(& $Script)

        Get-PutCount | Should -Be $PutsBefore
        $verbose = @($output | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
        $pattern = '^Webhook ''same'' \(' + $Hook.Id + '\) already has .+: nothing to change, so nothing was sent\.$'
        @($verbose | Where-Object { $_ -match $pattern }).Count | Should -Be 1 -Because ($verbose -join "`n")
        @($output | Where-Object { $_ -isnot [System.Management.Automation.VerboseRecord] }).Count | Should -Be 0
    }

    It 'with -PassThru writes the webhook as it is, still without a PUT' {
        $output = @(Set-TableauWebhook -Id $Hook.Id -DestinationUrl $Url -PassThru)

        Get-PutCount | Should -Be $PutsBefore
        $output.Count | Should -Be 1
        '{0}|{1}|{2}' -f $output[0].Id, $output[0].Name, $output[0].DestinationUrl | Should -Be ('{0}|same|{1}' -f $Hook.Id, $Url)
    }

    It 'sends the PUT when one value differs, and only the values given' {
        Set-TableauWebhook -Id $Hook.Id -NewName 'same' -DestinationUrl "$($Simulator.ReceiverUrl)moved"

        Get-PutCount | Should -Be ($PutsBefore + 1)
        (Get-TableauWebhook -Id $Hook.Id).DestinationUrl | Should -Be "$($Simulator.ReceiverUrl)moved"
    }

    It 'a name in another case is a change' {
        Set-TableauWebhook -Id $Hook.Id -NewName 'SAME'

        Get-PutCount | Should -Be ($PutsBefore + 1)
        (Get-TableauWebhook -Id $Hook.Id).Name | Should -BeExactly 'SAME'
    }

    It 'a piped webhook older than the server''s is checked against the server: the change it asks for is sent' {
        $old = Get-TableauWebhook -Id $Hook.Id
        Set-TableauWebhook -Id $Hook.Id -DestinationUrl "$($Simulator.ReceiverUrl)elsewhere"
        $puts = Get-PutCount

        # The old object already has $Url; the server no longer does.
        $old | Set-TableauWebhook -DestinationUrl $Url

        Get-PutCount | Should -Be ($puts + 1)
        (Get-TableauWebhook -Id $Hook.Id).DestinationUrl | Should -Be $Url
    }
}
