# The "runs as a service" examples in docs/examples, tested as far as this machine allows: the systemd unit is checked
# by systemd-analyze and its ExecStart command line is run for real (a receiver with a spool that writes events); the
# scheduled-task script is parsed, run against stand-ins for the ScheduledTasks cmdlets (a Windows-only module) to see
# what it registers, and the command line of the task it registers is run for real too.
# Windows PowerShell 5.1 compatible: no ternaries, no ?? , no && or ||.

BeforeDiscovery {
    $script:HasSystemdAnalyze = $null -ne (Get-Command systemd-analyze -CommandType Application -ErrorAction SilentlyContinue)
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-Type -AssemblyName System.Net.Http
    $script:Examples = Join-Path (Get-RepoRoot) 'docs/examples'
    $script:UnitFile = Join-Path $Examples 'tableau-webhook-receiver.service'
    $script:TaskScript = Join-Path $Examples 'Register-TableauWebhookReceiverTask.ps1'
    $script:StartScript = Join-Path $Examples 'Start-TableauWebhookReceiver.ps1'
    # Where `Import-Module TableauWebhooks` finds the built module, as it finds one installed for all users.
    $script:ModuleEnvironment = @{ PSModulePath = (Split-Path (Get-BuiltModulePath) -Parent) + [System.IO.Path]::PathSeparator + $env:PSModulePath }

    function Get-FreePort {
        $listener = New-Object System.Net.Sockets.TcpListener([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $port
    }

    # Splits a command line as Windows and systemd do for these: words, and "quoted words" without their quotes.
    function Split-CommandLine {
        param([string] $Line)
        , @([regex]::Matches($Line, '"[^"]*"|\S+') | ForEach-Object { $_.Value.Trim('"') })
    }

    # Runs the receiver as the service's command line says (after the PowerShell executable), waits for it to listen,
    # posts one delivery and waits for it in the event log; returns the receiver's process (still running).
    function Test-ServiceCommandLine {
        param([string[]] $Arguments, [string] $Secret, [string] $EventLog)
        $child = Start-ChildPowerShell -Arguments $Arguments -Environment $ModuleEnvironment -WaitFor 'Listening for Tableau webhook deliveries at (http://\S+/)'
        $null = $script:Processes.Add($child.Process)
        $child.Found | Should -Match ([regex]::Escape("/$Secret/"))
        $client = New-Object System.Net.Http.HttpClient
        try {
            $body = '{"resource":"DATASOURCE","event_type":"DatasourceRefreshFailed","resource_name":"Nightly","site_luid":"8b2a95d8-52b9-40a4-8712-cd6da771bd1b","resource_luid":"' + [guid]::NewGuid() + '","created_at":"2026-11-30T06:00:00Z"}'
            $content = New-Object System.Net.Http.StringContent($body, [System.Text.Encoding]::UTF8, 'application/json')
            [int] $client.PostAsync($child.Found, $content).GetAwaiter().GetResult().StatusCode | Should -Be 200
        }
        finally { $client.Dispose() }
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (-not ((Test-Path -LiteralPath $EventLog) -and (Get-Content -LiteralPath $EventLog -Raw) -match 'Nightly')) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Waited 60 s for the event in $EventLog. $($child.StdErr.Result)" }
            Start-Sleep -Milliseconds 50
        }
        $child.Process
    }
}

Describe 'The systemd unit' {
    BeforeEach { $script:Processes = New-Object System.Collections.ArrayList }
    AfterEach { foreach ($process in $script:Processes) { Stop-TestProcess $process } }

    It 'passes systemd-analyze verify with no warning' -Skip:(-not $HasSystemdAnalyze) {
        # verify also checks that ExecStart's program exists: here PowerShell is where this suite runs it from.
        $command = Get-PowerShellCommand
        $here = ((@($command.FilePath) + @($command.Prefix)) | ForEach-Object { $_ }) -join ' '
        $unit = Join-Path $TestDrive 'tableau-webhook-receiver.service'
        (Get-Content -LiteralPath $UnitFile -Raw).Replace('/usr/bin/pwsh', $here) | Set-Content -LiteralPath $unit
        $output = & systemd-analyze verify $unit 2>&1 | Out-String
        $LASTEXITCODE | Should -Be 0 -Because $output
        $output.Trim() | Should -BeNullOrEmpty
    }

    It 'restarts it, stops it with SIGINT (Ctrl+C) and keeps its spool in its own state folder' {
        $text = Get-Content -LiteralPath $UnitFile -Raw
        $text | Should -Match '(?m)^Restart=always$'
        $text | Should -Match '(?m)^KillSignal=SIGINT$'
        $text | Should -Match '(?m)^StateDirectory=tableau-webhooks$'
        $text | Should -Match '(?m)^StateDirectoryMode=0700$'
        $text | Should -Match '(?m)^ExecStart=.* -SpoolPath /var/lib/tableau-webhooks/spool '
    }

    It 'its ExecStart command line starts a receiver that writes events and keeps a spool' {
        $execStart = ([regex]::Match((Get-Content -LiteralPath $UnitFile -Raw), '(?m)^ExecStart=(.*)$')).Groups[1].Value
        $words = Split-CommandLine $execStart
        $words[0] | Should -Be '/usr/bin/pwsh'
        # The unit's paths, moved into this test's folder; the port, to a free one.
        $state = Join-Path $TestDrive 'state'
        $null = New-Item -ItemType Directory -Path $state
        $secretFile = Join-Path $TestDrive 'secret-path'
        Set-Content -LiteralPath $secretFile -Value 'unit-secret-0123456789abcdef'
        $port = Get-FreePort
        $arguments = @($words | Select-Object -Skip 1 | ForEach-Object {
                $_.Replace('/opt/tableau-webhooks/Start-TableauWebhookReceiver.ps1', $StartScript).Replace('/var/lib/tableau-webhooks', $state).Replace('/etc/tableau-webhooks/secret-path', $secretFile).Replace('8080', [string] $port)
            })

        $null = Test-ServiceCommandLine $arguments 'unit-secret-0123456789abcdef' (Join-Path $state 'events.jsonl')

        Test-Path -LiteralPath (Join-Path $state 'spool/receiver.lock') | Should -BeTrue -Because 'the receiver runs with -SpoolPath'
        $logged = Get-Content -LiteralPath (Join-Path $state 'events.jsonl') | ConvertFrom-Json
        $logged.Event | Should -Be 'DatasourceRefreshFailed'
        $logged.Redelivered | Should -BeFalse
    }
}

Describe 'The scheduled-task script (ScheduledTasks is a Windows module: its cmdlets are stood in for here)' {
    BeforeAll {
        # Stand-ins with the real cmdlets' parameter names for what the script passes; each records what it was given.
        function global:New-ScheduledTaskAction { param([string] $Execute, [string] $Argument, [string] $WorkingDirectory) [pscustomobject]@{ Execute = $Execute; Argument = $Argument; WorkingDirectory = $WorkingDirectory } }
        function global:New-ScheduledTaskTrigger { param([switch] $AtStartup, [switch] $Once, [DateTime] $At, [TimeSpan] $RepetitionInterval) [pscustomobject]@{ AtStartup = [bool] $AtStartup; Once = [bool] $Once; RepetitionInterval = $RepetitionInterval } }
        function global:New-ScheduledTaskSettingsSet {
            param([int] $RestartCount, [TimeSpan] $RestartInterval, [TimeSpan] $ExecutionTimeLimit, [string] $MultipleInstances, [switch] $StartWhenAvailable, [switch] $AllowStartIfOnBatteries, [switch] $DontStopIfGoingOnBatteries)
            [pscustomobject]@{ RestartCount = $RestartCount; RestartInterval = $RestartInterval; ExecutionTimeLimit = $ExecutionTimeLimit; MultipleInstances = $MultipleInstances }
        }
        function global:New-ScheduledTaskPrincipal { param([string] $UserId, [string] $LogonType, [string] $RunLevel) [pscustomobject]@{ UserId = $UserId; LogonType = $LogonType; RunLevel = $RunLevel } }
        function global:Register-ScheduledTask {
            param([string] $TaskName, $Action, $Trigger, $Settings, $Principal, [string] $Description, [switch] $Force)
            $global:RegisteredTask = [pscustomobject]@{ TaskName = $TaskName; Action = $Action; Trigger = @($Trigger); Settings = $Settings; Principal = $Principal }
        }
        function global:icacls { $null = $global:IcaclsCalls.Add(($args -join ' ')); $global:LASTEXITCODE = 0 }
    }
    AfterAll {
        foreach ($name in 'New-ScheduledTaskAction', 'New-ScheduledTaskTrigger', 'New-ScheduledTaskSettingsSet', 'New-ScheduledTaskPrincipal', 'Register-ScheduledTask', 'icacls') {
            Remove-Item -LiteralPath "function:global:$name" -ErrorAction SilentlyContinue
        }
        Remove-Variable -Name RegisteredTask, IcaclsCalls -Scope Global -ErrorAction SilentlyContinue
    }
    BeforeEach {
        $script:Processes = New-Object System.Collections.ArrayList
        $global:RegisteredTask = $null
        $global:IcaclsCalls = New-Object System.Collections.ArrayList
    }
    AfterEach { foreach ($process in $script:Processes) { Stop-TestProcess $process } }

    It 'parses with no error' {
        $tokens = $null
        $errors = $null
        $null = [System.Management.Automation.Language.Parser]::ParseFile($TaskScript, [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty
        $null = [System.Management.Automation.Language.Parser]::ParseFile($StartScript, [ref] $tokens, [ref] $errors)
        $errors | Should -BeNullOrEmpty
    }

    It 'with -WhatIf registers nothing and creates nothing' {
        $install = Join-Path $TestDrive 'whatif'
        & $TaskScript -InstallPath $install -PowerShellPath 'pwsh.exe' -WhatIf
        $global:RegisteredTask | Should -BeNullOrEmpty
        Test-Path -LiteralPath $install | Should -BeFalse
    }

    It 'registers a task at startup, restarted on failure and every 5 minutes, whose command line starts a receiver with a spool only its account can read' {
        $install = Join-Path $TestDrive 'install'
        $port = Get-FreePort
        & $TaskScript -InstallPath $install -Port $port -PowerShellPath 'pwsh.exe' -EventLogPath (Join-Path $install 'events.jsonl') 6>$null

        $task = $global:RegisteredTask
        $task | Should -Not -BeNullOrEmpty
        $task.TaskName | Should -Be 'Tableau webhook receiver'
        $task.Action.Execute | Should -Be 'pwsh.exe'
        @($task.Trigger | Where-Object AtStartup).Count | Should -Be 1
        @($task.Trigger | Where-Object { $_.RepetitionInterval -eq [TimeSpan]::FromMinutes(5) }).Count | Should -Be 1
        $task.Settings.RestartCount | Should -BeGreaterThan 0
        $task.Settings.ExecutionTimeLimit | Should -Be ([TimeSpan]::Zero)
        $task.Settings.MultipleInstances | Should -Be 'IgnoreNew'
        $task.Principal.UserId | Should -Be 'NT AUTHORITY\LOCAL SERVICE'
        $spool = Join-Path $install 'spool'
        $task.Action.Argument | Should -Match ([regex]::Escape("-SpoolPath `"$spool`""))
        @($global:IcaclsCalls | Where-Object { $_ -like "$spool /inheritance:r /grant:r NT AUTHORITY\LOCAL SERVICE:(OI)(CI)F *" }).Count | Should -Be 1
        @($global:IcaclsCalls | Where-Object { $_ -like "$(Join-Path $install 'secret-path.txt') /inheritance:r *" }).Count | Should -Be 1

        # The task's command line, run here: the receiver it starts listens on the secret path the script wrote, and writes events.
        $secret = (Get-Content -LiteralPath (Join-Path $install 'secret-path.txt') -Raw).Trim()
        $null = Test-ServiceCommandLine (Split-CommandLine $task.Action.Argument) $secret (Join-Path $install 'events.jsonl')
        Test-Path -LiteralPath (Join-Path $spool 'receiver.lock') | Should -BeTrue
    }
}
