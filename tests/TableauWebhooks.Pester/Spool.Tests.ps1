# Receive-TableauWebhookEvent in a real pwsh process, stopped the hard ways: killed (no clean-up runs at all) with
# -SpoolPath, and interrupted with SIGINT (Ctrl+C) without one. The hosted-runspace tests of the spool are in
# tests/TableauWebhooks.Module.Tests/ReceiverTests.Spool.cs.
# Windows PowerShell 5.1 compatible: no ternaries, no ?? , no && or ||.

BeforeDiscovery {
    # SIGINT is how Ctrl+C reaches a process on Linux and macOS; Windows has no signal to send to another console's process.
    $script:IsUnix = [System.Environment]::OSVersion.Platform -eq [System.PlatformID]::Unix
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Add-Type -AssemblyName System.Net.Http

    $script:Secret = 'pester-spool-secret-0123456789'
    # A receiver in its own PowerShell process, started as a service would start it, with $Downstream after it; returns
    # the process and the URL it announced (read from what it prints).
    function Start-ReceiverProcess {
        param([string] $Arguments, [string] $Downstream)
        $script = "`$ErrorActionPreference = 'Stop'`nImport-Module '$(Get-BuiltModulePath)'`nReceive-TableauWebhookEvent -Port 0 -SecretPath '$Secret' $Arguments | $Downstream"
        $encoded = [Convert]::ToBase64String([Text.Encoding]::Unicode.GetBytes($script))
        $child = Start-ChildPowerShell -Arguments '-NonInteractive', '-EncodedCommand', $encoded -WaitFor 'Listening for Tableau webhook deliveries at (http://\S+/)'
        $child | Add-Member -NotePropertyName Url -NotePropertyValue $child.Found -PassThru
    }

    function New-Payload {
        param([string] $Name)
        '{"resource":"DATASOURCE","event_type":"DatasourceRefreshFailed","resource_name":"' + $Name + '","site_luid":"8b2a95d8-52b9-40a4-8712-cd6da771bd1b","resource_luid":"' + [guid]::NewGuid() + '","created_at":"2026-11-30T06:00:00Z"}'
    }

    function Get-WrittenLine {
        param([string] $Path)
        if (-not (Test-Path -LiteralPath $Path)) { return , @() }
        # Only whole lines: the downstream may be appending one right now.
        $text = [System.IO.File]::ReadAllText($Path)
        $end = $text.LastIndexOf("`n")
        if ($end -lt 0) { return , @() }
        , @($text.Substring(0, $end).Split("`n"))
    }

    # Waits (bounded) for $Condition, failing with $What when it does not come.
    function Wait-Until {
        param([scriptblock] $Condition, [int] $Seconds, [string] $What)
        $deadline = [DateTime]::UtcNow.AddSeconds($Seconds)
        while (-not (& $Condition)) {
            if ([DateTime]::UtcNow -gt $deadline) { throw "Waited $Seconds s for $What." }
            Start-Sleep -Milliseconds 5
        }
    }
}

Describe 'A receiver with -SpoolPath that is killed' {
    BeforeEach {
        $script:Processes = New-Object System.Collections.ArrayList
        $script:Client = New-Object System.Net.Http.HttpClient
        $script:Client.Timeout = [TimeSpan]::FromSeconds(60)
    }
    AfterEach {
        foreach ($process in $script:Processes) { Stop-TestProcess $process }
        $script:Client.Dispose()
    }

    It 'loses nothing it answered 200: the next run on the spool writes the rest, each delivery once, marked Redelivered' {
        $spool = Join-Path $TestDrive 'spool'
        $ids = Join-Path $TestDrive 'written.txt'
        # A downstream that takes 50 ms per event, then records it: a line is a delivery the pipeline finished with.
        $downstream = "ForEach-Object { Start-Sleep -Milliseconds 50; [System.IO.File]::AppendAllText('$ids', `$_.ResourceName + ' ' + `$_.Redelivered + [char]10) }"

        $first = Start-ReceiverProcess "-SpoolPath '$spool'" $downstream
        $null = $script:Processes.Add($first.Process)
        $sent = @{}
        foreach ($n in 1..200) {
            $content = New-Object System.Net.Http.StringContent((New-Payload "delivery-$n"), [System.Text.Encoding]::UTF8, 'application/json')
            $sent["delivery-$n"] = $Client.PostAsync($first.Url, $content)
        }

        # Killed midway through writing, while the downstream sleeps on the next one (25 ms into its 50): kill -9, no
        # clean-up of any kind runs in the receiver.
        Wait-Until { (Get-WrittenLine $ids).Count -ge 20 } 120 'the first run to write 20 deliveries'
        Start-Sleep -Milliseconds 25
        $first.Process.Kill()
        $null = $first.Process.WaitForExit(30000)
        $firstRun = Get-WrittenLine $ids

        # What the sender knows: which deliveries were answered 200 (the rest failed when the process died).
        $null = [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] @($sent.Values), [TimeSpan]::FromSeconds(60))
        $answered = @($sent.Keys | Where-Object { $sent[$_].Status -eq 'RanToCompletion' -and [int] $sent[$_].Result.StatusCode -eq 200 })
        $answered.Count | Should -BeGreaterThan $firstRun.Count -Because 'the kill came while answered deliveries were waiting for the downstream'

        $second = Start-ReceiverProcess "-SpoolPath '$spool'" $downstream
        $null = $script:Processes.Add($second.Process)
        Wait-Until { @(Get-ChildItem -LiteralPath $spool -Filter '*.delivery').Count -eq 0 } 120 'the second run to write everything the spool held'
        Stop-TestProcess $second.Process

        $all = Get-WrittenLine $ids
        $secondRun = @($all | Select-Object -Skip $firstRun.Count)
        $names = @($all | ForEach-Object { ($_ -split ' ')[0] })
        $twice = @($names | Group-Object | Where-Object { $_.Count -gt 1 } | ForEach-Object { $_.Name })
        $twice | Should -BeNullOrEmpty -Because 'each delivery is written once across the two runs'
        $missing = @($answered | Where-Object { $names -notcontains $_ })
        $missing | Should -BeNullOrEmpty -Because 'every delivery answered 200 is written'
        @($names | Where-Object { -not $sent.ContainsKey($_) }) | Should -BeNullOrEmpty
        @($firstRun | Where-Object { $_ -notlike '* False' }) | Should -BeNullOrEmpty -Because 'the first run received them'
        $secondRun.Count | Should -BeGreaterThan 0
        @($secondRun | Where-Object { $_ -notlike '* True' }) | Should -BeNullOrEmpty -Because 'the second run writes what the first accepted, marked Redelivered'
    }
}

Describe 'A receiver without -SpoolPath interrupted by Ctrl+C (SIGINT)' {
    AfterEach {
        if ($script:Receiver) { Stop-TestProcess $script:Receiver.Process }
        if ($script:Client) { $script:Client.Dispose() }
    }

    It 'warns on its way out how many accepted deliveries it did not write, the one in the pipeline included' -Skip:(-not $IsUnix) {
        $entered = Join-Path $TestDrive 'entered'
        $script:Receiver = Start-ReceiverProcess '' "ForEach-Object { [System.IO.File]::WriteAllText('$entered', 'x'); Start-Sleep -Seconds 60; `$_ }"
        $script:Client = New-Object System.Net.Http.HttpClient
        foreach ($n in 1..3) {
            $content = New-Object System.Net.Http.StringContent((New-Payload "interrupted-$n"), [System.Text.Encoding]::UTF8, 'application/json')
            [int] $Client.PostAsync($Receiver.Url, $content).GetAwaiter().GetResult().StatusCode | Should -Be 200
        }
        Wait-Until { Test-Path -LiteralPath $entered } 60 'the first delivery to reach the downstream'

        & kill -INT $Receiver.Process.Id
        $Receiver.Process.WaitForExit(30000) | Should -BeTrue -Because 'Ctrl+C stops it'
        $printed = $Receiver.StdOut.Result + $Receiver.StdErr.Result

        # As a warning: "WARNING: ..." on a console, a warning record on the error output of a redirected -EncodedCommand.
        $printed | Should -Match '(WARNING: |<S S="warning">)Receive-TableauWebhookEvent stopped with 3 accepted deliveries not written\. They were answered 200, so Tableau will not send them again: they are lost\. Use -SpoolPath'
    }
}
