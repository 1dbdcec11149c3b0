<#
.SYNOPSIS
    Registers a Windows scheduled task that runs Receive-TableauWebhookEvent as a service: started at boot, restarted
    when it stops, with a spool so that nothing answered 200 is lost across stops, kills and reboots.
.DESCRIPTION
    Run as an administrator, in Windows PowerShell 5.1 or PowerShell 7, with the TableauWebhooks module installed for
    all users. It:
      1. creates -InstallPath with a spool folder and a secret-path file, readable only by the task's account, SYSTEM
         and Administrators (inheritance removed, so nobody else can read what Tableau sent);
      2. copies Start-TableauWebhookReceiver.ps1 there;
      3. registers the task: at startup, as -UserId (LOCAL SERVICE by default: no password to keep), no time limit,
         restarted on failure, and checked every 5 minutes (a second trigger; one instance only) so that it runs
         again however it stopped; Task Scheduler's restart on failure alone does not restart a task that exited.
    -WhatIf shows what it would do. The webhook's destination is https://<your proxy>/<contents of secret-path.txt>/;
    the proxy (IIS with Application Request Routing, see Get-Help Receive-TableauWebhookEvent) forwards to
    http://127.0.0.1:<Port>/.
.EXAMPLE
    .\Register-TableauWebhookReceiverTask.ps1 -Port 8080 -EventLogPath C:\ProgramData\TableauWebhooks\events.jsonl
.EXAMPLE
    .\Register-TableauWebhookReceiverTask.ps1 -HandlerPath C:\Scripts\On-TableauEvent.ps1 -Server https://tableau.example.com -TokenName receiver
#>
[CmdletBinding(SupportsShouldProcess)]
param(
    [string] $TaskName = 'Tableau webhook receiver',
    [string] $InstallPath = (Join-Path $env:ProgramData 'TableauWebhooks'),
    [ValidateRange(1, 65535)] [int] $Port = 8080,
    [string] $UserId = 'NT AUTHORITY\LOCAL SERVICE',
    [string] $HandlerPath,
    [string] $EventLogPath,
    [string] $Server,
    [string] $TokenName,
    # The PowerShell the task runs: pwsh.exe (PowerShell 7) when installed, else Windows PowerShell.
    [string] $PowerShellPath
)

$ErrorActionPreference = 'Stop'
if (-not $HandlerPath -and -not $EventLogPath) { $EventLogPath = Join-Path $InstallPath 'events.jsonl' }
if (-not $PowerShellPath) {
    $pwsh = Get-Command pwsh.exe -ErrorAction SilentlyContinue
    if ($pwsh) { $PowerShellPath = $pwsh.Source } else { $PowerShellPath = Join-Path $PSHOME 'powershell.exe' }
}
$spool = Join-Path $InstallPath 'spool'
$secretFile = Join-Path $InstallPath 'secret-path.txt'
$startScript = Join-Path $InstallPath 'Start-TableauWebhookReceiver.ps1'

# Only the task's account, SYSTEM (S-1-5-18) and Administrators (S-1-5-32-544), with nothing inherited from the
# parent folder: the spool holds what Tableau sent, the file the secret path.
function Protect-Item {
    param([string] $Path)
    & icacls $Path /inheritance:r /grant:r "$($UserId):(OI)(CI)F" '*S-1-5-18:(OI)(CI)F' '*S-1-5-32-544:(OI)(CI)F' | Out-Null
    if ($LASTEXITCODE -ne 0) { throw "icacls could not protect $Path (exit code $LASTEXITCODE)." }
}

if ($PSCmdlet.ShouldProcess($InstallPath, 'Create the receiver''s folder, spool and secret path, readable by ' + $UserId + ' only')) {
    $null = New-Item -ItemType Directory -Path $InstallPath -Force
    Protect-Item $InstallPath
    $null = New-Item -ItemType Directory -Path $spool -Force
    Protect-Item $spool
    Copy-Item -LiteralPath (Join-Path $PSScriptRoot 'Start-TableauWebhookReceiver.ps1') -Destination $startScript -Force
    if (-not (Test-Path -LiteralPath $secretFile)) {
        $bytes = New-Object byte[] 24
        $random = [System.Security.Cryptography.RandomNumberGenerator]::Create()
        $random.GetBytes($bytes)
        $random.Dispose()
        Set-Content -LiteralPath $secretFile -Value ([Convert]::ToBase64String($bytes).Replace('+', '-').Replace('/', '_')) -Encoding ascii
    }
    Protect-Item $secretFile
}

$arguments = @('-NoProfile', '-NonInteractive', '-ExecutionPolicy', 'Bypass', '-File', "`"$startScript`"",
    '-Port', $Port, '-SpoolPath', "`"$spool`"", '-SecretPathFile', "`"$secretFile`"")
if ($HandlerPath) { $arguments += @('-HandlerPath', "`"$HandlerPath`"") }
if ($EventLogPath) { $arguments += @('-EventLogPath', "`"$EventLogPath`"") }
if ($Server) {
    # The token's secret goes in a file only the task's account can read; Start-TableauWebhookReceiver.ps1 reads it.
    $tokenFile = Join-Path $InstallPath 'token-secret.txt'
    $arguments += @('-Server', $Server, '-TokenName', $TokenName, '-TokenSecretFile', "`"$tokenFile`"")
}

$action = New-ScheduledTaskAction -Execute $PowerShellPath -Argument ($arguments -join ' ') -WorkingDirectory $InstallPath
$atStartup = New-ScheduledTaskTrigger -AtStartup
$watchdog = New-ScheduledTaskTrigger -Once -At (Get-Date).Date -RepetitionInterval (New-TimeSpan -Minutes 5)
$settings = New-ScheduledTaskSettingsSet -RestartCount 999 -RestartInterval (New-TimeSpan -Minutes 1) `
    -ExecutionTimeLimit ([TimeSpan]::Zero) -MultipleInstances IgnoreNew -StartWhenAvailable `
    -AllowStartIfOnBatteries -DontStopIfGoingOnBatteries
$principal = New-ScheduledTaskPrincipal -UserId $UserId -LogonType ServiceAccount -RunLevel Limited

if ($PSCmdlet.ShouldProcess($TaskName, 'Register the scheduled task')) {
    Register-ScheduledTask -TaskName $TaskName -Action $action -Trigger $atStartup, $watchdog -Settings $settings -Principal $principal `
        -Description 'Receive-TableauWebhookEvent with -SpoolPath (TableauWebhooks module). Start-TableauWebhookReceiver.ps1 in this folder.' -Force
    if ($Server) { Write-Host "Put the personal access token's secret in $tokenFile (then run: icacls `"$tokenFile`" /inheritance:r /grant:r `"$($UserId):F`")." }
    Write-Host "Registered. Start it now with: Start-ScheduledTask -TaskName '$TaskName'. The secret path is in $secretFile."
}
