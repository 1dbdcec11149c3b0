<#
.SYNOPSIS
    Runs the Pester suite (tests/TableauWebhooks.Pester/*.Tests.ps1) against the built module and simulator.
.DESCRIPTION
    Imports Pester from out/test-tools/Pester, where `dotnet build` puts the NuGet package's module (no PowerShell
    Gallery needed), runs every *.Tests.ps1 beside this script and ends with one line,
    "Pester: N passed, N failed, N skipped". Exit code 0 only when nothing failed.
    Runs in PowerShell 7 and in Windows PowerShell 5.1:
        powershell.exe -NoProfile -ExecutionPolicy Bypass -File tests/TableauWebhooks.Pester/Invoke-PesterSuite.ps1
.PARAMETER Configuration
    The build configuration whose simulator the suite starts (Release unless given).
.PARAMETER Path
    Test files or folders to run (all of them unless given), e.g. tests/TableauWebhooks.Pester/Csv.Tests.ps1.
.PARAMETER TestName
    Runs only tests whose full name (Describe, Context and It names joined by dots) matches this wildcard.
#>
[CmdletBinding()]
param(
    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release',

    [string[]] $Path = @($PSScriptRoot),

    [string[]] $TestName,

    [ValidateSet('None', 'Normal', 'Detailed', 'Diagnostic')]
    [string] $Output = 'Detailed'
)

$ErrorActionPreference = 'Stop'
$repoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$pester = Join-Path $repoRoot 'out/test-tools/Pester/Pester.psd1'
if (-not (Test-Path -LiteralPath $pester)) {
    throw "Pester is missing at $pester. Run 'dotnet build -c $Configuration' at the repository root: it restores Pester from NuGet."
}
Import-Module $pester -Force
$env:TABLEAUWEBHOOKS_CONFIGURATION = $Configuration

$config = New-PesterConfiguration
$config.Run.Path = $Path
$config.Run.PassThru = $true
$config.Output.Verbosity = $Output
$reports = Join-Path $repoRoot 'out/test-reports'
$null = New-Item -ItemType Directory -Force -Path $reports
$config.TestResult.Enabled = $true
$config.TestResult.OutputFormat = 'NUnitXml'
$config.TestResult.OutputPath = Join-Path $reports 'pester.xml'
if ($TestName) { $config.Filter.FullName = $TestName }

$result = Invoke-Pester -Configuration $config
# A failed BeforeAll marks its tests failed; a file that cannot even be discovered has no tests to mark, so count
# failed blocks and files as failures then, never as nothing.
$failed = $result.FailedCount
if ($failed -eq 0) { $failed = $result.FailedBlocksCount + $result.FailedContainersCount }
$skipped = $result.SkippedCount + $result.NotRunCount
# Repeat each failure at the end, so a log that keeps only its last lines (CI's) still says what failed and why.
foreach ($test in $result.Failed) {
    $reason = ''
    if ($test.ErrorRecord) { $reason = ($test.ErrorRecord | Select-Object -First 1).Exception.Message }
    $firstLines = ($reason -split "`n" | Select-Object -First 3) -join "`n    "
    Write-Host ("Pester failed: {0}`n    {1}" -f $test.ExpandedPath, $firstLines)
}
foreach ($block in $result.FailedBlocks) {
    Write-Host ("Pester failed block: {0}`n    {1}" -f $block.ExpandedPath, ($block.ErrorRecord | Select-Object -First 1).Exception.Message)
}
Write-Host ("Pester: {0} passed, {1} failed, {2} skipped" -f $result.PassedCount, $failed, $skipped)
if ($failed -gt 0 -or $result.PassedCount -eq 0) { exit 1 }
exit 0
