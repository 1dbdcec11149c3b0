# The PowerShell Gallery round trip with PSResourceGet, against a local folder repository: the built package is found
# with the built version, installed for the current user, imported BY NAME and used against the simulator. Every
# PSResourceGet call runs in a child PowerShell whose per-user folders (HOME, XDG_* or LOCALAPPDATA/APPDATA/USERPROFILE)
# point into a temp folder, so the user's real repositories and installed modules are neither read nor changed.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force

    $script:SkipReason = $null
    $psResourceGet = Get-Module -ListAvailable Microsoft.PowerShell.PSResourceGet | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $psResourceGet) {
        $script:SkipReason = "Microsoft.PowerShell.PSResourceGet is not available in PowerShell $($PSVersionTable.PSVersion) ($($PSVersionTable.PSEdition)): it ships with PowerShell 7.4+; on Windows PowerShell 5.1 install it (Install-Module Microsoft.PowerShell.PSResourceGet) to run the Gallery round trip"
        return
    }
    $script:PSResourceGetManifest = $psResourceGet.Path

    $script:BuiltModule = Get-BuiltModulePath
    $script:Version = [string](Import-PowerShellDataFile (Join-Path $BuiltModule 'TableauWebhooks.psd1')).ModuleVersion
    $script:Package = Join-Path (Get-RepoRoot) "out/packages/TableauWebhooks.$Version.nupkg"
    if (-not (Test-Path -LiteralPath $Package)) {
        throw "The package $Package is missing: run dotnet build -c Release first (it packs out/TableauWebhooks into out/packages)."
    }
    $script:IsWindowsHost = [Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT
    $script:Simulator = Start-TestSimulator

    $script:TempRoot = Join-Path ([IO.Path]::GetTempPath()) ('tw-gallery-' + [guid]::NewGuid().ToString('N'))
    $script:TempHome = Join-Path $TempRoot 'home'
    $script:WorkDir = Join-Path $TempRoot 'work'
    $script:RepoDir = Join-Path $TempRoot 'repo'
    $script:PublishRepoDir = Join-Path $TempRoot 'publish-repo'
    $script:SourceModule = Join-Path $TempRoot 'source/TableauWebhooks'
    $environment = @{ HOME = $TempHome; PSModulePath = $null; POWERSHELL_UPDATECHECK = 'Off'; POWERSHELL_TELEMETRY_OPTOUT = '1' }
    if ($IsWindowsHost) {
        $environment['USERPROFILE'] = $TempHome
        $environment['LOCALAPPDATA'] = Join-Path $TempHome 'AppData/Local'
        $environment['APPDATA'] = Join-Path $TempHome 'AppData/Roaming'
        $folders = @($environment['LOCALAPPDATA'], $environment['APPDATA'], (Join-Path $TempHome 'Documents'))
    }
    else {
        # .NET answers "" for a per-user folder that does not exist, and PSResourceGet then writes its config relative
        # to the working directory: create them all.
        $environment['XDG_DATA_HOME'] = Join-Path $TempHome '.local/share'
        $environment['XDG_CONFIG_HOME'] = Join-Path $TempHome '.config'
        $environment['XDG_CACHE_HOME'] = Join-Path $TempHome '.cache'
        $folders = @($environment['XDG_DATA_HOME'], $environment['XDG_CONFIG_HOME'], $environment['XDG_CACHE_HOME'])
    }
    $script:ChildEnvironment = $environment
    foreach ($folder in @($TempHome, $WorkDir, $RepoDir, $PublishRepoDir) + $folders) { $null = New-Item -ItemType Directory -Path $folder -Force }
    Copy-Item -LiteralPath $BuiltModule -Destination $SourceModule -Recurse
    # The package goes into the repository as it is built: the file that would be uploaded to the Gallery.
    Copy-Item -LiteralPath $Package -Destination $RepoDir

    $script:ChildScript = Join-Path $TempRoot 'gallery-step.ps1'
    Set-Content -LiteralPath $ChildScript -Encoding UTF8 -Value @'
param(
    [Parameter(Mandatory = $true)] [string] $Step,
    [Parameter(Mandatory = $true)] [string] $TempRoot,
    [Parameter(Mandatory = $true)] [string] $WorkDir,
    [Parameter(Mandatory = $true)] [string] $RealHome,
    [Parameter(Mandatory = $true)] [string] $PSResourceGetManifest,
    [string] $RepoDir,
    [string] $PublishRepoDir,
    [string] $SourceModule,
    [string] $Server,
    [string] $Destination,
    [string] $Name
)
$ErrorActionPreference = 'Stop'
# Whatever a library resolves against the working directory lands in the temp folder too.
[Environment]::CurrentDirectory = $WorkDir
Set-Location -LiteralPath $WorkDir

# Touch nothing unless every per-user folder resolves into the temp folder.
$folders = @('LocalApplicationData', 'ApplicationData')
if ([Environment]::OSVersion.Platform -eq [PlatformID]::Win32NT) { $folders += 'MyDocuments' }
foreach ($folder in $folders) {
    $resolved = [Environment]::GetFolderPath($folder)
    if (-not $resolved -or -not $resolved.StartsWith($TempRoot, [StringComparison]::OrdinalIgnoreCase)) {
        "NOT_ISOLATED=$folder resolves to '$resolved', outside $TempRoot"
        exit 3
    }
}
# No module folder of the real user: only the temp HOME's and the machine's.
$separator = [IO.Path]::PathSeparator
$kept = @($env:PSModulePath -split [regex]::Escape([string]$separator) | Where-Object {
        $_ -and ($_.StartsWith($TempRoot, [StringComparison]::OrdinalIgnoreCase) -or -not $_.StartsWith($RealHome, [StringComparison]::OrdinalIgnoreCase))
    })
$env:PSModulePath = $kept -join $separator
"PSMODULEPATH=$env:PSModulePath"
Import-Module $PSResourceGetManifest

switch ($Step) {
    'Register' {
        Register-PSResourceRepository -Name LocalTest -Uri $RepoDir -Trusted
        Register-PSResourceRepository -Name LocalPublish -Uri $PublishRepoDir -Trusted
        foreach ($repository in Get-PSResourceRepository) {
            "REPOSITORY=$($repository.Name)|$($repository.Uri.LocalPath)|$($repository.Trusted)"
        }
        "CONFIG=$(Join-Path ([Environment]::GetFolderPath('LocalApplicationData')) 'PSResourceGet')"
    }
    'Publish' {
        Publish-PSResource -Path $SourceModule -Repository LocalPublish
        foreach ($file in Get-ChildItem -LiteralPath $PublishRepoDir -Filter '*.nupkg') { "PUBLISHED=$($file.FullName)" }
    }
    'Find' {
        foreach ($found in @(Find-PSResource -Name TableauWebhooks -Repository LocalTest)) {
            "FOUND=$($found.Name)|$($found.Version)|$($found.Repository)|$($found.Type)"
            "TAGS=$($found.Tags -join ',')"
            "CMDLETS=$(@($found.Includes.Cmdlet) -join ',')"
            "AUTHOR=$($found.Author)"
        }
    }
    'InstallAndUse' {
        Install-PSResource -Name TableauWebhooks -Repository LocalTest -Scope CurrentUser -TrustRepository
        foreach ($installed in @(Get-InstalledPSResource -Name TableauWebhooks)) {
            "INSTALLED=$($installed.Version)|$($installed.InstalledLocation)|$($installed.Repository)"
        }
        "LOADED_BEFORE_IMPORT=$([bool](Get-Module TableauWebhooks))"
        Import-Module TableauWebhooks
        $module = Get-Module TableauWebhooks
        "MODULE_BASE=$($module.ModuleBase)"
        "MODULE_VERSION=$($module.Version)"
        "MODULE_COMMANDS=$($module.ExportedCmdlets.Count)"
        $credential = New-Object System.Management.Automation.PSCredential ('admin', (ConvertTo-SecureString -String 'admin' -AsPlainText -Force))
        Connect-TableauServer -Server $Server -Credential $credential
        $created = New-TableauWebhook -Name $Name -Event DatasourceRefreshFailed -DestinationUrl $Destination
        "CREATED=$($created.Id)"
        "LISTED=$((@(Get-TableauWebhook) | Where-Object { $_.Name -eq $Name } | ForEach-Object { [string]$_.Id }) -join ',')"
        Remove-TableauWebhook -Id $created.Id -Confirm:$false
        "AFTER_REMOVE=$(@(Get-TableauWebhook | Where-Object { $_.Name -eq $Name }).Count)"
        Disconnect-TableauServer
    }
}
'DONE'
'@

    function Invoke-GalleryStep {
        param([string] $Step, [string[]] $Extra = @())
        $arguments = @('-NonInteractive', '-File', $ChildScript, '-Step', $Step, '-TempRoot', $TempRoot, '-WorkDir', $WorkDir,
            '-RealHome', $RealHome, '-PSResourceGetManifest', $PSResourceGetManifest,
            '-RepoDir', $RepoDir, '-PublishRepoDir', $PublishRepoDir, '-SourceModule', $SourceModule) + $Extra
        $result = Invoke-ChildPowerShell -Arguments $arguments -Environment $ChildEnvironment -TimeoutSec 300
        if ($result.ExitCode -eq 3 -and $result.StdOut -match 'NOT_ISOLATED=(.*)') {
            $script:SkipReason = "PSResourceGet could not be isolated from the user's real configuration here ($($Matches[1])); not run so that nothing of the user's is changed"
        }
        $result
    }

    # The value of every "KEY=value" line a child printed for KEY.
    function Get-Marker {
        param([string] $Text, [string] $Key)
        foreach ($line in ($Text -split '\r?\n')) {
            if ($line.StartsWith("$Key=")) { $line.Substring($Key.Length + 1) }
        }
    }

    # The files a package carries for the module: everything but NuGet's own parts.
    function Get-PackageModuleFile {
        param([string] $Path)
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Path)
        try {
            @($zip.Entries | ForEach-Object { [Uri]::UnescapeDataString($_.FullName) } | Where-Object {
                    $_ -notlike '_rels/*' -and $_ -notlike 'package/*' -and $_ -ne '[Content_Types].xml' -and $_ -notlike '*.nuspec' -and -not $_.EndsWith('/')
                } | Sort-Object)
        }
        finally { $zip.Dispose() }
    }

    function Get-PackageNuspec {
        param([string] $Path)
        Add-Type -AssemblyName System.IO.Compression.FileSystem
        $zip = [IO.Compression.ZipFile]::OpenRead($Path)
        try {
            $entry = @($zip.Entries | Where-Object { $_.FullName -like '*.nuspec' })[0]
            $reader = New-Object System.IO.StreamReader ($entry.Open())
            try { [xml]$reader.ReadToEnd() } finally { $reader.Dispose() }
        }
        finally { $zip.Dispose() }
    }

    function Get-RelativeFile {
        param([string] $Root)
        $full = (Resolve-Path -LiteralPath $Root).ProviderPath.TrimEnd('\', '/')
        @(Get-ChildItem -LiteralPath $full -Recurse -File | ForEach-Object { $_.FullName.Substring($full.Length + 1) -replace '\\', '/' } | Sort-Object)
    }

    function Test-UnderFolder {
        param([string] $Path, [string] $Folder)
        $Path.StartsWith($Folder, [StringComparison]::OrdinalIgnoreCase)
    }

    $script:RealHome = $HOME
    $script:RealConfig = $null
    $realLocalAppData = [Environment]::GetFolderPath('LocalApplicationData')
    if ($realLocalAppData) { $script:RealConfig = Join-Path $realLocalAppData 'PSResourceGet/PSResourceRepository.xml' }

    $script:Registration = Invoke-GalleryStep -Step Register
}

AfterAll {
    if ($null -ne (Get-Variable -Name Simulator -Scope Script -ErrorAction SilentlyContinue)) { Stop-TestSimulator $Simulator }
    $tempRootVariable = Get-Variable -Name TempRoot -Scope Script -ErrorAction SilentlyContinue
    if ($null -ne $tempRootVariable -and (Test-Path -LiteralPath $tempRootVariable.Value)) { Remove-Item -LiteralPath $tempRootVariable.Value -Recurse -Force }
}

Describe 'Gallery: PSResourceGet round trip through a local repository' {
    It 'registers the repositories in the temp HOME, not in the user''s own PSResourceGet configuration' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $Registration.StdErr | Should -BeNullOrEmpty
        $Registration.ExitCode | Should -Be 0
        $Registration.StdOut | Should -Match '(?m)^DONE\s*$'
        $repositories = @(Get-Marker $Registration.StdOut 'REPOSITORY')
        $repositories | Should -Contain ('LocalTest|' + $RepoDir + '|True')
        $repositories | Should -Contain ('LocalPublish|' + $PublishRepoDir + '|True')
        $config = Get-Marker $Registration.StdOut 'CONFIG'
        Test-UnderFolder $config $TempHome | Should -BeTrue
        Get-Content -LiteralPath (Join-Path $config 'PSResourceRepository.xml') -Raw | Should -Match ([regex]::Escape(([Uri]$RepoDir).AbsoluteUri))
        foreach ($entry in @((Get-Marker $Registration.StdOut 'PSMODULEPATH') -split [regex]::Escape([string][IO.Path]::PathSeparator))) {
            if ($entry -and -not (Test-UnderFolder $entry $TempRoot)) { Test-UnderFolder $entry $RealHome | Should -BeFalse -Because "$entry is a module folder of the real user" }
        }
        # Neither the user's configuration nor the working directories got the temp repositories.
        if ($RealConfig -and (Test-Path -LiteralPath $RealConfig)) {
            Get-Content -LiteralPath $RealConfig -Raw | Should -Not -Match ([regex]::Escape($TempRoot))
        }
        Join-Path (Get-RepoRoot) 'PSResourceGet' | Should -Not -Exist
        Join-Path (Get-RepoRoot) 'NuGet' | Should -Not -Exist
    }

    It 'Publish-PSResource of a copy of out/TableauWebhooks packs the same module files as the built package' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $result = Invoke-GalleryStep -Step Publish
        $result.StdErr | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        $published = @(Get-Marker $result.StdOut 'PUBLISHED')
        $published.Count | Should -Be 1
        Split-Path -Leaf $published[0] | Should -Be "TableauWebhooks.$Version.nupkg"

        $moduleFiles = Get-RelativeFile $BuiltModule
        $moduleFiles | Should -Contain 'TableauWebhooks.psd1'
        $moduleFiles | Should -Contain 'TableauWebhooks.dll'
        Get-PackageModuleFile $published[0] | Should -Be $moduleFiles
        Get-PackageModuleFile $Package | Should -Be $moduleFiles

        $nuspec = Get-PackageNuspec $published[0]
        $nuspec.package.metadata.id | Should -Be 'TableauWebhooks'
        $nuspec.package.metadata.version | Should -Be $Version
        $builtNuspec = Get-PackageNuspec $Package
        $builtNuspec.package.metadata.id | Should -Be 'TableauWebhooks'
        $builtNuspec.package.metadata.version | Should -Be $Version
        $builtNuspec.package.metadata.description | Should -Be $nuspec.package.metadata.description
    }

    It 'Find-PSResource finds the built package with the version of the built manifest' {
        if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
        $result = Invoke-GalleryStep -Step Find
        $result.StdErr | Should -BeNullOrEmpty
        $result.ExitCode | Should -Be 0
        @(Get-Marker $result.StdOut 'FOUND') | Should -Be @("TableauWebhooks|$Version|LocalTest|Module")
        $tags = @((Get-Marker $result.StdOut 'TAGS') -split ',')
        $tags | Should -Contain 'PSEdition_Desktop'
        $tags | Should -Contain 'PSEdition_Core'
        Get-Marker $result.StdOut 'AUTHOR' | Should -Be 'TableauWebhooks contributors'
        $expectedCmdlets = @((Import-PowerShellDataFile (Join-Path $BuiltModule 'TableauWebhooks.psd1')).CmdletsToExport | Sort-Object)
        @((Get-Marker $result.StdOut 'CMDLETS') -split ',' | Sort-Object) | Should -Be $expectedCmdlets
    }

    Context 'Install-PSResource, then Import-Module by name in the same process' {
        BeforeAll {
            if (-not $SkipReason) {
                $script:WebhookName = 'gallery-' + [guid]::NewGuid().ToString('N').Substring(0, 8)
                $script:Install = Invoke-GalleryStep -Step InstallAndUse -Extra '-Server', $Simulator.BaseUrl, '-Destination', "$($Simulator.ReceiverUrl)gallery", '-Name', $WebhookName
            }
        }

        It 'the child finished without an error' {
            if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
            $Install.StdErr | Should -BeNullOrEmpty
            $Install.ExitCode | Should -Be 0
            $Install.StdOut | Should -Match '(?m)^DONE\s*$'
        }

        It 'installs the version of the built manifest under the temp HOME with exactly the module folder''s files' {
            if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
            $installed = @(Get-Marker $Install.StdOut 'INSTALLED')
            $installed.Count | Should -Be 1
            $version, $location, $repository = $installed[0] -split '\|'
            $version | Should -Be $Version
            $repository | Should -Be 'LocalTest'
            Test-UnderFolder $location $TempHome | Should -BeTrue

            $moduleBase = Get-Marker $Install.StdOut 'MODULE_BASE'
            # PSResourceGet adds its own record of the install; everything else is the module folder as built.
            @(Get-RelativeFile $moduleBase | Where-Object { $_ -ne 'PSGetModuleInfo.xml' }) | Should -Be (Get-RelativeFile $BuiltModule)
        }

        It 'Import-Module TableauWebhooks by name loads the installed copy, not out/' {
            if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
            Get-Marker $Install.StdOut 'LOADED_BEFORE_IMPORT' | Should -Be 'False'
            $moduleBase = Get-Marker $Install.StdOut 'MODULE_BASE'
            Test-UnderFolder $moduleBase $TempHome | Should -BeTrue
            Test-UnderFolder $moduleBase (Join-Path (Get-RepoRoot) 'out') | Should -BeFalse
            Get-Marker $Install.StdOut 'MODULE_VERSION' | Should -Be $Version
            Get-Marker $Install.StdOut 'MODULE_COMMANDS' | Should -Be '18'
        }

        It 'the installed module connects, creates, lists and removes a webhook' {
            if ($SkipReason) { Set-ItResult -Skipped -Because $SkipReason; return }
            $created = Get-Marker $Install.StdOut 'CREATED'
            $created | Should -Match '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
            Get-Marker $Install.StdOut 'LISTED' | Should -Be $created
            Get-Marker $Install.StdOut 'AFTER_REMOVE' | Should -Be '0'
            # The simulator saw the create and the delete.
            $requests = @(Get-TestSimulatorRequest $Simulator | ForEach-Object { $_ })
            @($requests | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/webhooks' -and $_.statusCode -lt 300 }).Count | Should -BeGreaterOrEqual 1
            @($requests | Where-Object { $_.method -eq 'DELETE' -and $_.path -like "*/webhooks/$created" -and $_.statusCode -lt 300 }).Count | Should -Be 1
        }
    }
}
