<#
.SYNOPSIS
    Builds, tests, demonstrates or packages the TableauWebhooks module.
.DESCRIPTION
    Run it with the PowerShell the repository pins (`dotnet tool restore`, then `dotnet pwsh ./build.ps1 ...`) or with any
    pwsh 7.4+ on PATH.
      Build    lays out the importable module in out/TableauWebhooks (dotnet build).
      Test     builds, runs the xunit suites (dotnet test) and the Pester suite in real PowerShell
               (tests/TableauWebhooks.Pester), and fails when either fails.
      Package  builds and packs the module for the PowerShell Gallery as out/packages/TableauWebhooks.<version>.nupkg
               (the version is VersionPrefix in Directory.Build.props).
      Demo     builds, starts the Tableau server simulator and runs the quickstart in this PowerShell.
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Test
.EXAMPLE
    dotnet pwsh ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Demo', 'Package')]
    [string] $Task = 'Build',

    [ValidateSet('Release', 'Debug')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
Set-Location -LiteralPath $PSScriptRoot

function Invoke-Dotnet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    Write-Verbose "dotnet $($Arguments -join ' ')"
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

switch ($Task) {
    'Build' { Invoke-Dotnet build -c $Configuration }
    'Test' {
        Invoke-Dotnet build -c $Configuration
        # Both suites run even when the first fails, so one run reports everything.
        & dotnet test -c $Configuration --no-build
        $xunitExit = $LASTEXITCODE
        & (Join-Path $PSScriptRoot 'tests/TableauWebhooks.Pester/Invoke-PesterSuite.ps1') -Configuration $Configuration
        $pesterExit = $LASTEXITCODE
        if ($xunitExit -ne 0 -or $pesterExit -ne 0) {
            throw "Tests failed: xunit exit code $xunitExit, Pester exit code $pesterExit."
        }
    }
    'Demo' {
        Invoke-Dotnet build -c $Configuration
        & (Join-Path $PSScriptRoot 'tests/TableauWebhooks.Quickstart/Invoke-Quickstart.ps1') -Configuration $Configuration
        if ($LASTEXITCODE -ne 0) { throw "The quickstart failed (exit code $LASTEXITCODE)." }
    }
    'Package' { Invoke-Dotnet pack src/TableauWebhooks.Package -c $Configuration }
}
