<#
.SYNOPSIS
    The quickstart in real PowerShell: starts the built Tableau server simulator, imports the built module and runs
    quickstart.ps1 step by step, echoing each step as you would type it. `./build.ps1 -Task Demo` runs it.
.DESCRIPTION
    The same script runs hosted in-process with `dotnet run --project tests/TableauWebhooks.Quickstart` (no pwsh needed).
    Exit code 0 when every step ran; a step's non-terminating errors are part of the demo (one is shown on purpose).
#>
[CmdletBinding()]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$env:TABLEAUWEBHOOKS_CONFIGURATION = $Configuration
Import-Module (Join-Path $PSScriptRoot '../TableauWebhooks.Pester/TestHelpers.psm1') -Force
Import-Module (Get-BuiltModulePath) -Force

$simulator = Start-TestSimulator
try {
    Write-Host "Tableau simulator on $($simulator.BaseUrl)"
    Write-Host "Webhook receiver on $($simulator.ReceiverUrl)"
    Write-Host "Module: $((Get-Module TableauWebhooks).Path)"
    Write-Host ''
    $Server = $simulator.BaseUrl
    $Receiver = $simulator.ReceiverUrl

    # A step is a paragraph of the script: its comment lines, then the code that runs.
    $text = (Get-Content -LiteralPath (Join-Path $PSScriptRoot 'quickstart.ps1') -Raw) -replace "`r`n", "`n"
    $failedSteps = 0
    foreach ($paragraph in ($text -split "`n\s*`n")) {
        $lines = @($paragraph -split "`n" | ForEach-Object { $_.TrimEnd() })
        $comment = @($lines | Where-Object { $_.TrimStart().StartsWith('#') })
        $code = @($lines | Where-Object { -not $_.TrimStart().StartsWith('#') -and $_.Length -gt 0 })
        if ($code.Count -eq 0) { continue }
        foreach ($line in $comment) { Write-Host $line -ForegroundColor DarkGray }
        for ($i = 0; $i -lt $code.Count; $i++) {
            $prompt = if ($i -eq 0) { 'PS> ' } else { '>>  ' }
            Write-Host ($prompt + $code[$i]) -ForegroundColor Cyan
        }
        try {
            # Dot-sourced so that variables carry over from step to step, as at a prompt.
            $ErrorActionPreference = 'Continue'
            . ([scriptblock]::Create($code -join "`n")) 2>&1 | Out-Default
        }
        catch {
            $failedSteps++
            Write-Host "Step stopped: $($_.Exception.Message)" -ForegroundColor Red
        }
        finally {
            $ErrorActionPreference = 'Stop'
        }
        Write-Host ''
    }

    $deliveries = @(Get-TestSimulatorDelivery $simulator)
    Write-Host "Deliveries the receiver got: $($deliveries.Count)"
    foreach ($delivery in $deliveries) { Write-Host "  $($delivery.method) $($delivery.path) -> $($delivery.responseStatus)" }
}
finally {
    Stop-TestSimulator $simulator
}
if ($failedSteps -gt 0) { exit 1 }
exit 0
