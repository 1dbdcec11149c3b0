# Shared by the Pester suite: where the built module and simulator are, a simulator per test file on a free loopback
# port, credentials, and child PowerShell processes for what only a new process shows (autoloading, exit codes).
# Written for Windows PowerShell 5.1 and PowerShell 7 alike: no ternaries, no ?? or &&, no -Parallel outside guards.
Set-StrictMode -Version 3.0

$script:RepoRoot = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
$script:Configuration = if ($env:TABLEAUWEBHOOKS_CONFIGURATION) { $env:TABLEAUWEBHOOKS_CONFIGURATION } else { 'Release' }

function Get-RepoRoot { $script:RepoRoot }

# The importable module folder that `dotnet build` lays out: what a user imports.
function Get-BuiltModulePath {
    $path = Join-Path $script:RepoRoot 'out/TableauWebhooks'
    if (-not (Test-Path -LiteralPath (Join-Path $path 'TableauWebhooks.psd1'))) {
        throw "The built module is missing at $path. Run 'dotnet build -c $script:Configuration' at the repository root first."
    }
    $path
}

function Get-BuiltSimulatorPath {
    $path = Join-Path $script:RepoRoot "tests/TableauServer.Simulator/bin/$script:Configuration/net10.0/TableauServer.Simulator.dll"
    if (-not (Test-Path -LiteralPath $path)) {
        throw "The built simulator is missing at $path. Run 'dotnet build -c $script:Configuration' at the repository root first."
    }
    $path
}

# Starts the built simulator as its own process on a free loopback port (port 0, the real one read from what it
# prints) and returns where it listens. Extra arguments are simulator options, e.g. '--Simulator:ProductVersion=2019.4'.
# A simulator that does not start, or anything that fails here once it runs, is killed before the error is thrown.
function Start-TestSimulator {
    param([string[]] $Arguments = @())

    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = 'dotnet'
    # Tableau's 5 s / 3 s delivery timeouts can run out on a busy shared machine before a healthy destination on
    # loopback answers; the suite tests other things, so its simulators wait 30 s unless a test sets its own.
    $patience = @('--Simulator:DeliveryConnectTimeout=00:00:30', '--Simulator:DeliveryReadTimeout=00:00:30') |
        Where-Object { -not (@($Arguments) -match [regex]::Escape(($_ -replace '=.*$', ''))) }
    $allArguments = @((Get-BuiltSimulatorPath), '--urls', 'http://127.0.0.1:0') + @($patience) + $Arguments
    $startInfo.Arguments = ($allArguments | ForEach-Object { ConvertTo-ProcessArgument $_ }) -join ' '
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.RedirectStandardInput = $true
    $process = [System.Diagnostics.Process]::Start($startInfo)
    $started = $false
    try {
        $process.StandardInput.Close()
        $baseUrl = $null
        $receiverUrl = $null
        $deadline = [DateTime]::UtcNow.AddSeconds(60)
        while (($null -eq $baseUrl -or $null -eq $receiverUrl) -and [DateTime]::UtcNow -lt $deadline) {
            $read = $process.StandardOutput.ReadLineAsync()
            if (-not $read.Wait(([TimeSpan]::FromSeconds(60)))) { break }
            $line = $read.Result
            if ($null -eq $line) { break }
            if ($line -match '^\s*Base URL:\s+(\S+)') { $baseUrl = $Matches[1].TrimEnd('/') }
            if ($line -match '^\s*Webhook receiver:\s+(\S+)') { $receiverUrl = $Matches[1] }
        }
        if ($null -eq $baseUrl -or $null -eq $receiverUrl) {
            Stop-TestSimulator ([pscustomobject]@{ Process = $process; BaseUrl = $null })
            throw "The simulator did not start (within 60 s): $($process.StandardError.ReadToEnd())"
        }
        # Keep reading its output so a full pipe never blocks it.
        $null = $process.StandardOutput.ReadToEndAsync()
        $null = $process.StandardError.ReadToEndAsync()
        $started = $true
    }
    finally {
        if (-not $started) { Stop-TestSimulator ([pscustomobject]@{ Process = $process; BaseUrl = $null }) }
    }

    [pscustomobject]@{
        Process     = $process
        BaseUrl     = $baseUrl
        ReceiverUrl = $receiverUrl
    }
}

function Stop-TestSimulator {
    param($Simulator)
    if ($null -eq $Simulator -or $null -eq $Simulator.Process) { return }
    $process = $Simulator.Process
    try {
        if ($Simulator.BaseUrl -and -not $process.HasExited -and (Get-Command Get-TableauSession -ErrorAction Ignore)) {
            # Sessions a test left open on this server are signed out while it still answers, so that a later file's
            # clean-up does not wait on a server that is gone.
            Disconnect-TestSimulatorSession $Simulator
        }
    }
    finally {
        # Whatever the sign-outs did, the simulator (with anything it started, where PowerShell 7 can) does not
        # outlive the file that started it.
        Stop-TestProcess $process
    }
}

# Empties the simulator's webhooks, sessions, faults and logs, back to its seed.
function Reset-TestSimulator {
    param($Simulator)
    $null = Invoke-RestMethod -Method Post -Uri "$($Simulator.BaseUrl)/_simulator/reset"
}

# A clean start for a test, or for a Describe's fixture: this runspace's sessions on the simulator signed out, the
# simulator back to its seed (no webhooks, faults or log), and a new default session as its administrator, returned.
# Where a file owns its simulator, BeforeEach calls it, so what one test made or broke cannot fail the next.
function Initialize-TestSimulator {
    param($Simulator, [string] $Site = '')
    Disconnect-TestSimulatorSession $Simulator
    Reset-TestSimulator $Simulator
    Connect-TestSimulator $Simulator -Site $Site -PassThru
}

# Signs out every session of this runspace on the simulator (the default one too).
function Disconnect-TestSimulatorSession {
    param($Simulator)
    $prefix = $Simulator.BaseUrl.TrimEnd('/') + '/'
    foreach ($session in @(Get-TableauSession)) {
        if ($session.Server.AbsoluteUri.StartsWith($prefix)) { Disconnect-TableauServer -Session $session -WarningAction SilentlyContinue -ErrorAction SilentlyContinue }
    }
}

# Removes the webhooks a test made, for its finally or AfterEach: one already gone is what the test may have done
# itself; any other failure is thrown, so a clean-up that did not happen is reported where it happened.
function Remove-TestWebhook {
    param([Parameter(Mandatory)] $Session, [object[]] $Id = @())
    foreach ($one in @($Id | Where-Object { $null -ne $_ })) {
        $problems = $null
        Remove-TableauWebhook -Session $Session -Id $one -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable problems
        foreach ($problem in @($problems)) {
            if ($problem.FullyQualifiedErrorId -notlike 'WebhookNotFound,*') { throw "Could not remove webhook ${one}: $problem" }
        }
    }
}

# Queues a one-shot fault: the next REST request with that method whose path contains PathContains gets it, e.g.
# Add-TestSimulatorFault $sim ServiceUnavailable POST '/webhooks' (503 to the next create).
function Add-TestSimulatorFault {
    param($Simulator, [Parameter(Mandatory)] [string] $Kind, [string] $Method, [string] $PathContains)
    $body = @{ kind = $Kind; method = $Method; pathContains = $PathContains } | ConvertTo-Json
    $null = Invoke-RestMethod -Method Post -Uri "$($Simulator.BaseUrl)/_simulator/faults/enqueue" -ContentType 'application/json' -Body $body
}

# The simulator's request log: method, path and status of every REST request it answered.
function Get-TestSimulatorRequest {
    param($Simulator)
    # Enumerated: PowerShell 7's Invoke-RestMethod writes a JSON array as one object.
    Invoke-RestMethod -Method Get -Uri "$($Simulator.BaseUrl)/_simulator/requests" | ForEach-Object { $_ }
}

# The simulator's requests that $Where selects, once at least $AtLeast of them are logged. The simulator logs a request
# just after answering it, so the last request of a command can lag a moment behind the command; a count waits for
# the requests it expects (10 s at most, then a failure saying what it waited for) and then gives all it finds.
function Wait-TestSimulatorRequest {
    param($Simulator, [Parameter(Mandatory)] [scriptblock] $Where, [int] $AtLeast = 0, [string] $What = 'requests')
    $deadline = [DateTime]::UtcNow.AddSeconds(10)
    while ($true) {
        $found = @(Get-TestSimulatorRequest $Simulator | Where-Object $Where)
        if ($found.Count -ge $AtLeast) { return $found }
        if ([DateTime]::UtcNow -gt $deadline) { throw "Waited 10 s for $AtLeast $What in the simulator's request log; $($found.Count) arrived." }
        Start-Sleep -Milliseconds 50
    }
}

# What the simulator's built-in https receiver was sent: method, path, status it answered, body.
function Get-TestSimulatorDelivery {
    param($Simulator)
    Invoke-RestMethod -Method Get -Uri "$($Simulator.BaseUrl)/_simulator/deliveries" | ForEach-Object { $_ }
}

function New-TestCredential {
    param([string] $UserName = 'admin', [string] $Password = 'admin')
    New-Object System.Management.Automation.PSCredential ($UserName, (ConvertTo-SecureString -String $Password -AsPlainText -Force))
}

# Connects the caller's runspace as the simulator's server administrator.
function Connect-TestSimulator {
    param($Simulator, [string] $Site = '', [switch] $PassThru)
    Connect-TableauServer -Server $Simulator.BaseUrl -Site $Site -Credential (New-TestCredential) -PassThru:$PassThru
}

# How to start another process of the PowerShell running this suite: powershell.exe on Windows PowerShell, the same
# pwsh otherwise (the dotnet tool's pwsh is started through dotnet where its apphost is missing).
function Get-PowerShellCommand {
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        return @{ FilePath = (Join-Path $PSHOME 'powershell.exe'); Prefix = @() }
    }
    foreach ($name in 'pwsh.exe', 'pwsh') {
        $candidate = Join-Path $PSHOME $name
        if (Test-Path -LiteralPath $candidate -PathType Leaf) { return @{ FilePath = $candidate; Prefix = @() } }
    }
    @{ FilePath = 'dotnet'; Prefix = @((Join-Path $PSHOME 'pwsh.dll')) }
}

function ConvertTo-ProcessArgument {
    param([string] $Value)
    if ($Value -notmatch '[\s"]' -and $Value.Length -gt 0) { return $Value }
    '"' + ($Value -replace '(\\*)"', '$1$1\"' -replace '(\\+)$', '$1$1') + '"'
}

# How both helpers below start PowerShell: no profile, every stream redirected (so nothing can prompt), in the repository
# root, with -Environment's variables added, replaced or (a $null value) removed.
function New-ChildPowerShellStartInfo {
    param([string[]] $Arguments, [hashtable] $Environment)
    $command = Get-PowerShellCommand
    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = $command.FilePath
    $startInfo.Arguments = (@($command.Prefix) + @('-NoProfile', '-NoLogo') + $Arguments | ForEach-Object { ConvertTo-ProcessArgument $_ }) -join ' '
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.RedirectStandardError = $true
    $startInfo.RedirectStandardInput = $true
    $startInfo.WorkingDirectory = $script:RepoRoot
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $startInfo.EnvironmentVariables.Remove($name) }
        else { $startInfo.EnvironmentVariables[$name] = [string] $Environment[$name] }
    }
    $startInfo
}

# Runs PowerShell in a new process with no console input (nothing can prompt) and returns its exit code and output.
# -Environment adds or replaces variables (a $null value removes one), e.g. PSModulePath or HOME.
function Invoke-ChildPowerShell {
    param(
        [Parameter(Mandatory)] [string[]] $Arguments,
        [hashtable] $Environment = @{},
        [int] $TimeoutSec = 120
    )
    $process = [System.Diagnostics.Process]::Start((New-ChildPowerShellStartInfo $Arguments $Environment))
    try {
        $process.StandardInput.Close()
        $stdout = $process.StandardOutput.ReadToEndAsync()
        $stderr = $process.StandardError.ReadToEndAsync()
        if (-not $process.WaitForExit($TimeoutSec * 1000)) {
            throw "PowerShell did not finish within $TimeoutSec s: $($Arguments -join ' ')"
        }
        $process.WaitForExit()
        [pscustomobject]@{
            ExitCode = $process.ExitCode
            StdOut   = $stdout.Result
            StdErr   = $stderr.Result
        }
    }
    finally {
        # A child that hangs, or a test stopped while it runs, does not outlive the test.
        Stop-TestProcess $process
    }
}

# Starts PowerShell in a new process that keeps running (a receiver, say) and returns once it has printed a line
# matching -WaitFor: the process, the regex's first group, and its output and error output to come. A process that
# prints no such line within -TimeoutSec is killed, and the error says what it printed.
function Start-ChildPowerShell {
    param(
        [Parameter(Mandatory)] [string[]] $Arguments,
        [Parameter(Mandatory)] [string] $WaitFor,
        [hashtable] $Environment = @{},
        [int] $TimeoutSec = 90
    )
    $process = [System.Diagnostics.Process]::Start((New-ChildPowerShellStartInfo $Arguments $Environment))
    $started = $false
    try {
        $process.StandardInput.Close()
        $seen = New-Object System.Text.StringBuilder
        $found = $null
        $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSec)
        while ($null -eq $found -and [DateTime]::UtcNow -lt $deadline) {
            $read = $process.StandardOutput.ReadLineAsync()
            if (-not $read.Wait([TimeSpan]::FromSeconds([Math]::Max(0.01, ($deadline - [DateTime]::UtcNow).TotalSeconds)))) { break }
            if ($null -eq $read.Result) { break }
            $null = $seen.AppendLine($read.Result)
            if ($read.Result -match $WaitFor) { $found = $Matches[1] }
        }
        if ($null -eq $found) {
            Stop-TestProcess $process
            throw "The child PowerShell printed no line matching '$WaitFor' within $TimeoutSec s: $seen $($process.StandardError.ReadToEnd())"
        }
        $started = $true
        [pscustomobject]@{
            Process = $process
            Found   = $found
            StdOut  = $process.StandardOutput.ReadToEndAsync()
            StdErr  = $process.StandardError.ReadToEndAsync()
        }
    }
    finally {
        if (-not $started) { Stop-TestProcess $process }
    }
}

# Ends a process the suite started, with what it started where PowerShell 7 can, and waits for it; one already gone
# is fine.
function Stop-TestProcess {
    param([System.Diagnostics.Process] $Process)
    try {
        if (-not $Process.HasExited) {
            if ($PSVersionTable.PSEdition -eq 'Core') { $Process.Kill($true) } else { $Process.Kill() }
        }
        $null = $Process.WaitForExit(10000)
    }
    catch {
        # It ended on its own meanwhile.
    }
}

# Runs a script in a new PowerShell process that cannot prompt (-NonInteractive, no console input), with the built
# module imported and signed in to the simulator as admin; what PowerShell writes to the host (What if: lines, which no
# stream of this process can catch) comes back in StdOut.
function Invoke-SignedInChildPowerShell {
    param($Simulator, [Parameter(Mandatory)] [string] $Body)
    $prologue = @"
`$ProgressPreference = 'SilentlyContinue'
Import-Module '$(Get-BuiltModulePath)'
`$null = Connect-TableauServer -Server '$($Simulator.BaseUrl)' -Credential (New-Object System.Management.Automation.PSCredential ('admin', (ConvertTo-SecureString 'admin' -AsPlainText -Force)))
"@
    $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($prologue + "`n" + $Body))
    Invoke-ChildPowerShell -Arguments '-NonInteractive', '-EncodedCommand', $encoded
}

# The rendering a user sees at the prompt: the default view, as text, at a fixed width (200, or a console's -Width).
function Out-ViewText {
    param([Parameter(ValueFromPipeline)] $InputObject, [int] $Width = 200)
    begin { $items = New-Object System.Collections.Generic.List[object] }
    process { $items.Add($InputObject) }
    end { ($items | Out-String -Width $Width) }
}

Export-ModuleMember -Function *
