# A job as a scheduled task runs it: `pwsh -NonInteractive -File job.ps1 ...` with the credential in environment
# variables. What the scheduler sees is the exit code and the output: 0 only when every change went through, a non-zero
# code and a message naming the problem otherwise, and never a prompt that would hang the task.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:BuiltModule = Get-BuiltModulePath
    Import-Module $BuiltModule -Force
    $script:Simulator = Start-TestSimulator

    $script:TempRoot = Join-Path ([IO.Path]::GetTempPath()) ('tw-unattended-' + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory -Path $TempRoot -Force
    $script:Job = Join-Path $TempRoot 'job.ps1'
    Set-Content -LiteralPath $Job -Encoding UTF8 -Value @'
# Run by a scheduled task: pwsh -NonInteractive -File job.ps1 -Server https://tableau.example.com -ModulePath ...
param(
    [Parameter(Mandatory = $true)] [string] $Server,
    [Parameter(Mandatory = $true)] [string] $ModulePath,
    [ValidateSet('Create', 'Remove')] [string] $Action = 'Create',
    [string] $Name,
    [string] $DestinationUrl,
    [string] $Id,
    [string] $ConfirmLevel
)
$ErrorActionPreference = 'Stop'
Import-Module $ModulePath
$credential = New-Object System.Management.Automation.PSCredential ($env:TW_USER, (ConvertTo-SecureString -String $env:TW_PASSWORD -AsPlainText -Force))
Connect-TableauServer -Server $Server -Credential $credential
if ($ConfirmLevel) { $ConfirmPreference = $ConfirmLevel }
if ($Action -eq 'Create') {
    $webhook = New-TableauWebhook -Name $Name -Event DatasourceRefreshFailed -DestinationUrl $DestinationUrl
    "CREATED=$($webhook.Id)"
}
else {
    Remove-TableauWebhook -Id $Id
    "REMOVED=$Id"
}
Disconnect-TableauServer
'DONE'
'@

    function Invoke-JobScript {
        param([string[]] $JobArguments = @(), [string] $Password = 'admin')
        $arguments = @('-NonInteractive', '-File', $Job, '-Server', $Simulator.BaseUrl, '-ModulePath', $BuiltModule) + $JobArguments
        Invoke-ChildPowerShell -Arguments $arguments -Environment @{ TW_USER = 'admin'; TW_PASSWORD = $Password } -TimeoutSec 120
    }

    # Stdout and stderr without colours, line wrapping, the error view's gutter or any whitespace, so that a phrase is
    # found however the host wrapped it (ConciseView in PowerShell 7, NormalView in Windows PowerShell 5.1).
    function ConvertTo-Squashed {
        param([string] $Text)
        $plain = $Text -replace "$([char]27)\[[0-9;?]*[A-Za-z]", ''
        $plain = $plain -replace '\r?\n[ \t]*\|', ''
        $plain -replace '\s', ''
    }

    function Get-Output { param($Result) $Result.StdOut + [Environment]::NewLine + $Result.StdErr }

    function New-UniqueName { param([string] $Prefix) $Prefix + [guid]::NewGuid().ToString('N').Substring(0, 8) }
}

AfterAll {
    Stop-TestSimulator $Simulator
    if ($TempRoot -and (Test-Path -LiteralPath $TempRoot)) { Remove-Item -LiteralPath $TempRoot -Recurse -Force }
}

Describe 'Unattended: a scheduled job script' {
    # Every test starts from the simulator's seed, with a session of this runspace ($Session) to check the server
    # through: what one job created, or failed to remove, is not there for the next.
    BeforeEach {
        $script:Session = Initialize-TestSimulator $Simulator
    }

    It 'exits 0 when the change went through, and the webhook is on the server afterwards' {
        $name = New-UniqueName 'job-ok-'
        $result = Invoke-JobScript -JobArguments '-Name', $name, '-DestinationUrl', "$($Simulator.ReceiverUrl)job-ok"
        $result.StdErr | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        $result.StdOut | Should -Match '(?m)^DONE\s*$'
        $result.StdOut -match '(?m)^CREATED=(\S+)' | Should -BeTrue
        $createdId = $Matches[1]

        $onServer = @(Get-TableauWebhook -Session $Session -Name $name)
        $onServer.Count | Should -Be 1
        [string]$onServer[0].Id | Should -Be $createdId
        $onServer[0].DestinationUrl | Should -Be "$($Simulator.ReceiverUrl)job-ok"
        $onServer[0].Enabled | Should -BeTrue
    }

    It 'exits non-zero and says why when the destination is http://, and creates nothing' {
        $name = New-UniqueName 'job-http-'
        $result = Invoke-JobScript -JobArguments '-Name', $name, '-DestinationUrl', 'http://hooks.example.com/tableau'
        $result.ExitCode | Should -Not -Be 0
        $result.StdOut | Should -Not -Match 'DONE'
        $squashed = ConvertTo-Squashed (Get-Output $result)
        $squashed | Should -BeLike ('*' + (ConvertTo-Squashed "The destination URL 'http://hooks.example.com/tableau' uses http://") + '*')
        $squashed | Should -BeLike ('*' + (ConvertTo-Squashed 'delivers webhooks only to https:// URLs') + '*')
        @(Get-TableauWebhook -Session $Session | Where-Object { $_.Name -eq $name }).Count | Should -Be 0
    }

    It 'exits non-zero and names the id when Remove-TableauWebhook gets a webhook that does not exist' {
        $missing = [guid]::NewGuid().ToString()
        $result = Invoke-JobScript -JobArguments '-Action', 'Remove', '-Id', $missing
        $result.ExitCode | Should -Not -Be 0
        $result.StdOut | Should -Not -Match 'REMOVED='
        $squashed = ConvertTo-Squashed (Get-Output $result)
        $squashed | Should -BeLike ('*' + (ConvertTo-Squashed "Webhook '$missing' could not be found") + '*')
    }

    It 'exits non-zero and says the sign-in failed when the password in the environment is wrong' {
        $name = New-UniqueName 'job-badpw-'
        $result = Invoke-JobScript -Password 'not-the-password' -JobArguments '-Name', $name, '-DestinationUrl', "$($Simulator.ReceiverUrl)job-badpw"
        $result.ExitCode | Should -Not -Be 0
        $squashed = ConvertTo-Squashed (Get-Output $result)
        $squashed | Should -BeLike ('*' + (ConvertTo-Squashed 'The user name or password is not valid') + '*')
        $squashed | Should -Not -BeLike '*not-the-password*'
        @(Get-TableauWebhook -Session $Session | Where-Object { $_.Name -eq $name }).Count | Should -Be 0
    }
}

Describe 'Unattended: nothing prompts' {
    BeforeEach {
        $script:Session = Initialize-TestSimulator $Simulator
    }

    It 'Connect-TableauServer without a credential fails at once in -NonInteractive, naming -Credential' {
        $command = "Import-Module '$($BuiltModule -replace "'", "''")'; Connect-TableauServer -Server '$($Simulator.BaseUrl)'"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-ChildPowerShell -Arguments '-NonInteractive', '-Command', $command -TimeoutSec 120
        $watch.Stop()
        $result.ExitCode | Should -Not -Be 0
        # PowerShell's parameter binder refuses before the cmdlet runs, instead of prompting for the mandatory value:
        # "Cannot process command because of one or more missing mandatory parameters: Credential."
        $squashed = ConvertTo-Squashed (Get-Output $result)
        $squashed | Should -BeLike ('*' + (ConvertTo-Squashed 'missing mandatory parameters: Credential') + '*')
        # Starting the child process is most of this; a prompt would wait for the 120 s timeout.
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 30
    }

    # Remove-TableauWebhook declares ConfirmImpact Medium (not High): with the default $ConfirmPreference (High) it
    # does not ask, so a job removes without -Confirm:$false and nothing waits for an answer.
    It 'Remove-TableauWebhook without -Confirm:$false removes at once under the default $ConfirmPreference' {
        $webhook = New-TableauWebhook -Session $Session -Name (New-UniqueName 'job-remove-') -Event DatasourceRefreshFailed -DestinationUrl "$($Simulator.ReceiverUrl)job-remove"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-JobScript -JobArguments '-Action', 'Remove', '-Id', ([string]$webhook.Id)
        $watch.Stop()
        $result.StdErr | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        $result.StdOut | Should -Match "(?m)^REMOVED=$([string]$webhook.Id)\s*$"
        $result.StdOut | Should -Match '(?m)^DONE\s*$'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
        @(Get-TableauWebhook -Session $Session | Where-Object { $_.Id -eq $webhook.Id }).Count | Should -Be 0
        { Get-TableauWebhook -Session $Session -Id $webhook.Id -ErrorAction Stop } | Should -Throw -ErrorId 'WebhookNotFound*'
    }

    # With $ConfirmPreference lowered to Medium (a cautious profile or script), ShouldProcess does want to ask; in
    # -NonInteractive the host refuses to prompt, the error stops the job (ErrorActionPreference Stop) and the webhook
    # stays: a failed run, never a hung one.
    It 'when $ConfirmPreference asks for confirmation, -NonInteractive fails at once and removes nothing' {
        $webhook = New-TableauWebhook -Session $Session -Name (New-UniqueName 'job-confirm-') -Event DatasourceRefreshFailed -DestinationUrl "$($Simulator.ReceiverUrl)job-confirm"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $result = Invoke-JobScript -JobArguments '-Action', 'Remove', '-Id', ([string]$webhook.Id), '-ConfirmLevel', 'Medium'
        $watch.Stop()
        $result.ExitCode | Should -Not -Be 0
        $result.StdOut | Should -Not -Match 'REMOVED='
        $squashed = ConvertTo-Squashed (Get-Output $result)
        $squashed | Should -BeLike ('*' + (ConvertTo-Squashed 'PowerShell is in NonInteractive mode') + '*')
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 60
        @(Get-TableauWebhook -Session $Session -Id $webhook.Id).Count | Should -Be 1
    }
}
