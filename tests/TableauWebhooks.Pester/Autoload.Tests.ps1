# Module autoloading as an installed module gets it: a copy of out/TableauWebhooks in a folder on PSModulePath, used
# in a new process without Import-Module; and sessions handed to other runspaces (thread jobs, ForEach-Object
# -Parallel), where the module autoloads again.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    $script:BuiltModule = Get-BuiltModulePath
    $script:ExpectedCmdlets = @((Import-PowerShellDataFile (Join-Path $BuiltModule 'TableauWebhooks.psd1')).CmdletsToExport | Sort-Object)
    $script:Simulator = Start-TestSimulator

    # <tmp>/Modules/TableauWebhooks: the folder is named after the module, as Install-Module lays it out.
    $script:TempRoot = Join-Path ([IO.Path]::GetTempPath()) ('tw-autoload-' + [guid]::NewGuid().ToString('N'))
    $script:ModulesDir = Join-Path $TempRoot 'Modules'
    $null = New-Item -ItemType Directory -Path $ModulesDir -Force
    Copy-Item -LiteralPath $BuiltModule -Destination (Join-Path $ModulesDir 'TableauWebhooks') -Recurse
    $script:CopyBase = Join-Path $ModulesDir 'TableauWebhooks'
    $script:ChildEnvironment = @{ PSModulePath = $ModulesDir + [IO.Path]::PathSeparator + $env:PSModulePath }

    # The value of every "KEY=value" line a child printed for KEY.
    function Get-Marker {
        param([string] $Text, [string] $Key)
        foreach ($line in ($Text -split '\r?\n')) {
            if ($line.StartsWith("$Key=")) { $line.Substring($Key.Length + 1) }
        }
    }

    function Get-NormalizedPath {
        param([string] $Path)
        [IO.Path]::GetFullPath($Path).TrimEnd([IO.Path]::DirectorySeparatorChar, [IO.Path]::AltDirectorySeparatorChar)
    }
}

AfterAll {
    Stop-TestSimulator $Simulator
    if ($TempRoot -and (Test-Path -LiteralPath $TempRoot)) { Remove-Item -LiteralPath $TempRoot -Recurse -Force }
}

Describe 'Autoload: from PSModulePath in a new process' {
    BeforeEach {
        # What a test's child process created is gone before the next test (this runspace has no module yet: the
        # control API only).
        Reset-TestSimulator $Simulator
    }

    It 'Get-TableauWebhookEvent autoloads the module from the PSModulePath copy' {
        $script = @'
$ErrorActionPreference = 'Stop'
"LOADED_BEFORE=$([bool](Get-Module TableauWebhooks))"
$found = Get-TableauWebhookEvent -Name DatasourceRefreshFailed
"EVENT=$($found.Name)"
"ALL_EVENTS=$(@(Get-TableauWebhookEvent).Count)"
$module = Get-Module TableauWebhooks
"LOADED_AFTER=$([bool]$module)"
"MODULE_BASE=$($module.ModuleBase)"
'@
        $result = Invoke-ChildPowerShell -Arguments '-NonInteractive', '-Command', $script -Environment $ChildEnvironment
        $result.StdErr | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        Get-Marker $result.StdOut 'LOADED_BEFORE' | Should -Be 'False'
        Get-Marker $result.StdOut 'EVENT' | Should -Be 'DatasourceRefreshFailed'
        Get-Marker $result.StdOut 'ALL_EVENTS' | Should -Be '22'
        Get-Marker $result.StdOut 'LOADED_AFTER' | Should -Be 'True'
        Get-NormalizedPath (Get-Marker $result.StdOut 'MODULE_BASE') | Should -Be (Get-NormalizedPath $CopyBase)
    }

    It 'Get-Command -Module TableauWebhooks lists the 18 cmdlets without importing' {
        $script = @'
$ErrorActionPreference = 'Stop'
$commands = @(Get-Command -Module TableauWebhooks)
"NAMES=$(($commands | ForEach-Object Name | Sort-Object) -join ',')"
"TYPES=$(($commands | ForEach-Object { [string]$_.CommandType } | Sort-Object -Unique) -join ',')"
"SOURCES=$(($commands | ForEach-Object Source | Sort-Object -Unique) -join ',')"
'@
        $result = Invoke-ChildPowerShell -Arguments '-NonInteractive', '-Command', $script -Environment $ChildEnvironment
        $result.StdErr | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        $ExpectedCmdlets.Count | Should -Be 18
        $names = @((Get-Marker $result.StdOut 'NAMES') -split ',')
        $names.Count | Should -Be 18
        $names | Should -Be $ExpectedCmdlets
        Get-Marker $result.StdOut 'TYPES' | Should -Be 'Cmdlet'
        Get-Marker $result.StdOut 'SOURCES' | Should -Be 'TableauWebhooks'
    }

    It 'connects, creates and lists a webhook with no Import-Module' {
        $name = 'autoload-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
        $script = @'
param($Server, $Name, $Destination)
$ErrorActionPreference = 'Stop'
$credential = New-Object System.Management.Automation.PSCredential ('admin', (ConvertTo-SecureString -String 'admin' -AsPlainText -Force))
Connect-TableauServer -Server $Server -Credential $credential
$created = New-TableauWebhook -Name $Name -Event DatasourceRefreshFailed -DestinationUrl $Destination
"CREATED=$($created.Id)"
$listed = @(Get-TableauWebhook -Name $Name)
"LISTED=$(($listed | ForEach-Object { $_.Id }) -join ',')"
"MODULE_BASE=$((Get-Module TableauWebhooks).ModuleBase)"
Disconnect-TableauServer
'@
        $scriptFile = Join-Path $TempRoot 'create.ps1'
        Set-Content -LiteralPath $scriptFile -Value $script -Encoding UTF8
        $result = Invoke-ChildPowerShell -Arguments '-NonInteractive', '-File', $scriptFile, $Simulator.BaseUrl, $name, "$($Simulator.ReceiverUrl)autoload" -Environment $ChildEnvironment
        $result.StdErr | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        $created = Get-Marker $result.StdOut 'CREATED'
        $created | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
        Get-Marker $result.StdOut 'LISTED' | Should -Be $created
        Get-NormalizedPath (Get-Marker $result.StdOut 'MODULE_BASE') | Should -Be (Get-NormalizedPath $CopyBase)

        # The webhook really is on the server, read back by this process.
        Import-Module $BuiltModule -Force
        $session = Connect-TestSimulator $Simulator -PassThru
        try {
            $onServer = @(Get-TableauWebhook -Session $session -Name $name)
            $onServer.Count | Should -Be 1
            [string]$onServer[0].Id | Should -Be $created
            $onServer[0].DestinationUrl | Should -Be "$($Simulator.ReceiverUrl)autoload"
        }
        finally {
            Disconnect-TableauServer -Session $session -ErrorAction SilentlyContinue
        }
    }
}

Describe 'Autoload: a session handed to other runspaces' {
    BeforeAll {
        Import-Module $BuiltModule -Force
        $script:Session = Initialize-TestSimulator $Simulator
        $script:Seeded = @(
            New-TableauWebhook -Session $Session -Name ('threadjob-a-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) -Event DatasourceRefreshFailed -DestinationUrl "$($Simulator.ReceiverUrl)threadjob-a"
            New-TableauWebhook -Session $Session -Name ('threadjob-b-' + [guid]::NewGuid().ToString('N').Substring(0, 8)) -Event WorkbookCreated -DestinationUrl "$($Simulator.ReceiverUrl)threadjob-b"
        )
        # Other runspaces autoload the module from PSModulePath: put the folder holding the built module on it (the
        # same files this runspace imported, so the process loads one TableauWebhooks.dll).
        $script:SavedModulePath = $env:PSModulePath
        $env:PSModulePath = (Split-Path -Parent $BuiltModule) + [IO.Path]::PathSeparator + $SavedModulePath
    }

    AfterAll {
        $env:PSModulePath = $SavedModulePath
        Remove-TestWebhook -Session $Session -Id @($Seeded | ForEach-Object { $_.Id })
        Disconnect-TableauServer -Session $Session -ErrorAction SilentlyContinue
    }

    It 'Start-ThreadJob -ArgumentList $session: Get-TableauWebhook -Session $args[0] returns the webhooks' {
        if (-not (Get-Command Start-ThreadJob -ErrorAction SilentlyContinue)) {
            Set-ItResult -Skipped -Because 'Start-ThreadJob is not available (the ThreadJob module ships with PowerShell 7; on Windows PowerShell 5.1 install it with Install-Module ThreadJob)'
            return
        }
        $job = Start-ThreadJob -ArgumentList $Session -ScriptBlock {
            # A new runspace has no default session: without -Session the cmdlet must refuse.
            $noSession = 'none'
            try { $null = Get-TableauWebhook -ErrorAction Stop } catch { $noSession = $_.FullyQualifiedErrorId }
            [pscustomobject]@{
                Webhooks   = @(Get-TableauWebhook -Session $args[0])
                ModuleBase = (Get-Module TableauWebhooks).ModuleBase
                NoSession  = $noSession
            }
        }
        try {
            $null = Wait-Job -Job $job -Timeout 60
            $job.State | Should -Be 'Completed'
            $output = @(Receive-Job -Job $job)
            @($job.ChildJobs[0].Error) | Should -BeNullOrEmpty
        }
        finally {
            Remove-Job -Job $job -Force
        }
        $output.Count | Should -Be 1
        $ids = @($output[0].Webhooks | ForEach-Object { [string]$_.Id })
        foreach ($webhook in $Seeded) { $ids | Should -Contain ([string]$webhook.Id) }
        $output[0].Webhooks[0].GetType().FullName | Should -Be 'TableauWebhooks.Output.TableauWebhook'
        $output[0].ModuleBase | Should -Be (Get-Module TableauWebhooks).ModuleBase
        $output[0].NoSession | Should -BeLike 'TableauSessionNotConnected,*'
    }

    It 'ForEach-Object -Parallel with $using:session creates and reads webhooks' -Skip:($PSVersionTable.PSVersion.Major -lt 7) {
        $prefix = 'parallel-' + [guid]::NewGuid().ToString('N').Substring(0, 8) + '-'
        $receiver = $Simulator.ReceiverUrl
        try {
            $results = @(1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
                    $created = New-TableauWebhook -Session $using:Session -Name ($using:prefix + $_) -Event DatasourceRefreshFailed -DestinationUrl ($using:receiver + 'parallel/' + $_)
                    $read = Get-TableauWebhook -Session $using:Session -Id $created.Id
                    [pscustomobject]@{ Index = $_; CreatedId = [string]$created.Id; ReadId = [string]$read.Id; ReadName = $read.Name }
                })
            $results.Count | Should -Be 4
            foreach ($result in $results) {
                $result.ReadId | Should -Be $result.CreatedId
                $result.ReadName | Should -Be ($prefix + $result.Index)
            }
            @($results | ForEach-Object CreatedId | Sort-Object -Unique).Count | Should -Be 4

            $onServer = @(Get-TableauWebhook -Session $Session -Name "$prefix*")
            $onServer.Count | Should -Be 4
            @($onServer | ForEach-Object Name | Sort-Object) | Should -Be @(1..4 | ForEach-Object { $prefix + $_ })
        }
        finally {
            # Whatever the runspaces made, even when a check above failed.
            Remove-TestWebhook -Session $Session -Id @(Get-TableauWebhook -Session $Session -Name "$prefix*" | ForEach-Object { $_.Id })
        }
    }
}
