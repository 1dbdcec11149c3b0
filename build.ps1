<#
.SYNOPSIS
    Builds, tests, demonstrates or packages the TableauWebhooks module.
.DESCRIPTION
    Each task runs the same dotnet command the README gives, so pwsh users and everyone else build the same way.
    Build lays out the importable module in out/TableauWebhooks. Package builds it and packs it for the PowerShell
    Gallery as out/packages/TableauWebhooks.<version>.nupkg (the version is VersionPrefix in Directory.Build.props).
.EXAMPLE
    ./build.ps1 -Task Test
.EXAMPLE
    ./build.ps1 -Task Package
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
    'Test'  { Invoke-Dotnet build -c $Configuration; Invoke-Dotnet test -c $Configuration --no-build }
    'Demo'  { Invoke-Dotnet run -c $Configuration --project tests/TableauWebhooks.Quickstart }
    'Package' { Invoke-Dotnet pack src/TableauWebhooks.Package -c $Configuration }
}
