# The receiving end in real pwsh: Tableau's payload read by ConvertFrom-TableauWebhookPayload, and
# Receive-TableauWebhookEvent fed by the simulator firing real events over https to a certificate the test makes and
# tells the simulator to trust. The loop end to end, the auto-disable and re-enable, and the bad-delivery table.
# Windows PowerShell 5.1 compatible: no ternaries, no ?? , no Start-ThreadJob (a runspace of its own instead).

BeforeDiscovery {
    # What a receiver must refuse, and with what status; the good deliveries between them must all come through.
    $script:BadDeliveries = @(
        @{ What = 'a wrong path'; Method = 'POST'; Path = 'wrong'; ContentType = 'application/json'; Body = 'payload'; Status = 404 }
        @{ What = 'a GET'; Method = 'GET'; Path = 'secret'; ContentType = $null; Body = $null; Status = 405 }
        @{ What = 'a path that begins with the secret'; Method = 'POST'; Path = 'secret-and-more'; ContentType = 'application/json'; Body = 'payload'; Status = 404 }
        @{ What = 'a huge body'; Method = 'POST'; Path = 'secret'; ContentType = 'application/json'; Body = 'huge'; Status = 413 }
        @{ What = 'a body one byte over -MaximumBodyBytes'; Method = 'POST'; Path = 'secret'; ContentType = 'application/json'; Body = 'just-over'; Status = 413 }
        @{ What = 'a chunked body one byte over -MaximumBodyBytes'; Method = 'POST'; Path = 'secret'; ContentType = 'application/json'; Body = 'just-over'; Chunked = $true; Status = 413 }
        @{ What = 'a body that is not JSON'; Method = 'POST'; Path = 'secret'; ContentType = 'application/json'; Body = '<xml/>'; Status = 400 }
        @{ What = 'JSON that is not a Tableau payload'; Method = 'POST'; Path = 'secret'; ContentType = 'application/json'; Body = '{"hello":"world"}'; Status = 400 }
        @{ What = 'another content type'; Method = 'POST'; Path = 'secret'; ContentType = 'text/plain'; Body = 'payload'; Status = 415 }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    Add-Type -AssemblyName System.Net.Http

    function New-ReceiverCertificate {
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        $request = New-Object System.Security.Cryptography.X509Certificates.CertificateRequest('CN=127.0.0.1', $key,
            [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $names = New-Object System.Security.Cryptography.X509Certificates.SubjectAlternativeNameBuilder
        $names.AddIpAddress([System.Net.IPAddress]::Loopback)
        $request.CertificateExtensions.Add($names.Build())
        $made = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddMinutes(-5), [DateTimeOffset]::UtcNow.AddDays(1))
        New-Object System.Security.Cryptography.X509Certificates.X509Certificate2(, $made.Export('Pfx'))
    }

    function Set-SimulatorTrust {
        param($Simulator, $Certificate)
        $body = @{ certificate = [Convert]::ToBase64String($Certificate.RawData) } | ConvertTo-Json
        $null = Invoke-RestMethod -Method Post -Uri "$($Simulator.BaseUrl)/_simulator/trusted-certificates" -ContentType 'application/json' -Body $body
    }

    function Invoke-SimulatorEvent {
        param($Simulator, [string] $EventName, [string] $ResourceName, [string] $Site = '')
        $body = @{ site = $Site; event = $EventName; resourceName = $ResourceName } | ConvertTo-Json
        Invoke-RestMethod -Method Post -Uri "$($Simulator.BaseUrl)/_simulator/events" -ContentType 'application/json' -Body $body
    }

    # Receive-TableauWebhookEvent in a runspace of its own, started as a user starts it, until it announces its URL.
    # $After: a statement to run after it, on its thread. $Session: a session it can use as `$receiverSession (the runspace
    # has no session of its own).
    function Start-Receiver {
        param([string] $Arguments, [string] $After = '', $Session = $null)
        $ps = [powershell]::Create()
        $null = $ps.AddScript("Import-Module '$(Get-BuiltModulePath)'; `$receiverCertificate = `$args[0]; `$receiverSession = `$args[1]; Receive-TableauWebhookEvent -Port 0 $Arguments -Verbose; $After")
        $null = $ps.AddArgument($script:ReceiverCertificate)
        $null = $ps.AddArgument($Session)
        $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
        $noInput = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
        $noInput.Complete()
        $handle = $ps.BeginInvoke($noInput, $output)
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        $url = $null
        while (-not $url) {
            foreach ($record in @($ps.Streams.Information)) {
                $text = [string] $record.MessageData
                if ($text -match '(https?://\S+/)') { $url = $Matches[1].TrimEnd('.'); $startedAt = $record.TimeGenerated }
            }
            if (-not $url) {
                if ($handle.IsCompleted -or [DateTime]::UtcNow -gt $deadline) { throw "The receiver did not start: $($ps.Streams.Error | Out-String)" }
                Start-Sleep -Milliseconds 20
            }
        }
        $receiver = [pscustomobject]@{ PowerShell = $ps; Handle = $handle; Output = $output; Url = $url; StartedAt = $startedAt }
        $null = $script:Running.Add($ps)
        $receiver
    }

    # Waits for a receiver to end by itself (-Count or -TimeoutSec), or with -Now stops it as Ctrl+C does, and returns
    # what it wrote. A receiver that failed, or did not end in time, fails the test with its errors: "it wrote nothing"
    # must not pass for a receiver that died.
    function Stop-Receiver {
        param($Receiver, [int] $WaitSeconds = 30, [switch] $Now)
        $script:Running.Remove($Receiver.PowerShell)
        $problems = New-Object System.Collections.ArrayList
        if ($Now) { $Receiver.PowerShell.Stop() }
        elseif (-not $Receiver.Handle.AsyncWaitHandle.WaitOne([TimeSpan]::FromSeconds($WaitSeconds))) {
            $null = $problems.Add("it did not end by itself within $WaitSeconds s")
            $Receiver.PowerShell.Stop()
        }
        try { $null = $Receiver.PowerShell.EndInvoke($Receiver.Handle) }
        catch {
            $died = $_.Exception.InnerException
            if ($null -eq $died) { $died = $_.Exception }
            if (-not ($Now -and $died -is [System.Management.Automation.PipelineStoppedException])) {
                $null = $problems.Add("it ended with $($died.GetType().Name): $($died.Message)")
            }
        }
        foreach ($record in @($Receiver.PowerShell.Streams.Error)) { $null = $problems.Add("error $($record.FullyQualifiedErrorId): $record") }
        $written = @($Receiver.Output)
        $Receiver.PowerShell.Dispose()
        if ($problems.Count -gt 0) { throw "The receiver failed: $($problems -join '; ')" }
        , $written
    }

    # After each test that starts receivers or creates webhooks, whether it passed or not: a receiver still running is
    # stopped, and the webhooks the test made are removed, so that one failure does not mislead the tests after it.
    function Start-Cleanable {
        $script:WebhooksBefore = @(Get-TableauWebhook | ForEach-Object { $_.Id })
    }
    function Remove-Leftovers {
        foreach ($ps in $script:Running.ToArray()) {
            $ps.Stop()
            $ps.Dispose()
        }
        $script:Running.Clear()
        Get-TableauWebhook | Where-Object { $script:WebhooksBefore -notcontains $_.Id } | Remove-TableauWebhook -Confirm:$false
    }

    $script:Running = New-Object System.Collections.ArrayList   # the PowerShell of each receiver not stopped yet

    $script:Simulator = Start-TestSimulator
    $script:ReceiverCertificate = New-ReceiverCertificate
    Set-SimulatorTrust $Simulator $ReceiverCertificate
    Connect-TestSimulator $Simulator
    $script:DefaultSiteId = (Get-TableauSession | Where-Object IsDefault).SiteId
    $script:Secret = 'pester-secret-0123456789abcdef'
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe 'The loop: a webhook, an event raised in the simulator, the receiver writes it' {
    BeforeEach { Start-Cleanable }
    AfterEach { Remove-Leftovers }

    It 'writes DatasourceRefreshFailed as Tableau delivered it, over https, once' {
        $receiver = Start-Receiver "-Certificate `$receiverCertificate -SecretPath $Secret -Count 1 -TimeoutSec 30"
        $webhook = New-TableauWebhook -Name 'loop' -Event DatasourceRefreshFailed -DestinationUrl $receiver.Url

        $summary = Invoke-SimulatorEvent $Simulator 'DatasourceRefreshFailed' 'Sales'
        $written = Stop-Receiver $receiver

        @($summary.deliveries)[0].delivered | Should -BeTrue -Because ($summary | ConvertTo-Json -Depth 5)
        $written.Count | Should -Be 1
        $event = $written[0]
        $event.Event | Should -Be 'DatasourceRefreshFailed'
        $event.LegacyEventName | Should -Be 'webhook-source-event-datasource-refresh-failed'
        $event.ResourceName | Should -Be 'Sales'
        $event.SiteId | Should -Be $DefaultSiteId
        $event.UserAgent | Should -Be 'TableauWebhooks/1.0'
        $event.CreatedAt | Should -BeOfType [DateTimeOffset]
        $event.Path | Should -Not -Match $Secret
    }

    It 'writes the test payload of Test-TableauWebhook, flagged as a test' {
        $receiver = Start-Receiver "-Certificate `$receiverCertificate -SecretPath $Secret -Count 1 -TimeoutSec 30"
        $webhook = New-TableauWebhook -Name 'tested' -Event WorkbookCreated -DestinationUrl $receiver.Url

        $result = Test-TableauWebhook -InputObject $webhook
        $written = Stop-Receiver $receiver

        $result.Success | Should -BeTrue
        $written.Count | Should -Be 1
        $written[0].IsTest | Should -BeTrue
        $written[0].Event | Should -BeNullOrEmpty
    }

    It 'shows the table view a user sees' {
        $receiver = Start-Receiver "-Certificate `$receiverCertificate -SecretPath $Secret -Count 1 -TimeoutSec 30"
        $webhook = New-TableauWebhook -Name 'viewed' -Event WorkbookCreated -DestinationUrl $receiver.Url
        $null = Invoke-SimulatorEvent $Simulator 'WorkbookCreated' 'Quarterly'
        $written = Stop-Receiver $receiver

        $text = $written | Out-ViewText
        $text | Should -Match 'ReceivedAt\s+Event\s+ResourceType\s+ResourceName\s+RemoteAddress'
        $text | Should -Match '\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\s+WorkbookCreated\s+WORKBOOK\s+Quarterly\s+127\.0\.0\.1'
    }
}

Describe 'Which site is this? SiteName and SiteContentUrl from a session' {
    BeforeEach { Start-Cleanable }
    AfterEach {
        Remove-Leftovers
        foreach ($other in @(Get-TableauSession | Where-Object { -not $_.IsDefault })) {
            Get-TableauWebhook -Session $other | Remove-TableauWebhook -Confirm:$false
            Disconnect-TableauServer -Session $other
        }
    }

    It 'names the site of each event with -Session, reading the server''s sites once for the run' {
        $finance = Connect-TableauServer -Server $Simulator.BaseUrl -Site finance -Credential (New-TestCredential) -PassThru -NotDefault
        $session = Get-TableauSession | Where-Object IsDefault
        $receiver = Start-Receiver "-Certificate `$receiverCertificate -SecretPath $Secret -Session `$receiverSession -Count 3 -TimeoutSec 60" -Session $session
        $null = New-TableauWebhook -Name 'default-site' -Event DatasourceRefreshFailed -DestinationUrl $receiver.Url
        $null = New-TableauWebhook -Session $finance -Name 'finance-site' -Event DatasourceRefreshFailed -DestinationUrl $receiver.Url
        $before = @(Get-TestSimulatorRequest $Simulator).Count

        foreach ($fired in @(@{ Site = 'finance'; Name = 'Budget' }, @{ Site = ''; Name = 'Sales' }, @{ Site = 'finance'; Name = 'Forecast' })) {
            @((Invoke-SimulatorEvent $Simulator 'DatasourceRefreshFailed' $fired.Name -Site $fired.Site).deliveries)[0].delivered | Should -BeTrue
        }
        $written = Stop-Receiver $receiver

        @($written | ForEach-Object { "$($_.ResourceName) $($_.SiteName) '$($_.SiteContentUrl)'" }) |
            Should -Be @("Budget Finance 'finance'", "Sales Default ''", "Forecast Finance 'finance'")
        $siteReads = @(Get-TestSimulatorRequest $Simulator | Select-Object -Skip $before | Where-Object { $_.method -eq 'GET' -and $_.path -match '/sites(\?|$)' })
        $siteReads.Count | Should -Be 1 -Because 'the sites are read once, when the first unknown site arrives, and kept'
    }

    It 'without a session the names stay empty and nothing is sent to any server' {
        $receiver = Start-Receiver "-Certificate `$receiverCertificate -SecretPath $Secret -Count 1 -TimeoutSec 60"
        $null = New-TableauWebhook -Name 'no-session' -Event DatasourceRefreshFailed -DestinationUrl $receiver.Url
        $before = @(Get-TestSimulatorRequest $Simulator).Count
        $null = Invoke-SimulatorEvent $Simulator 'DatasourceRefreshFailed' 'Sales'
        $written = Stop-Receiver $receiver

        $written.Count | Should -Be 1
        $written[0].SiteId | Should -Be $DefaultSiteId
        $written[0].SiteName | Should -BeNullOrEmpty
        $written[0].SiteContentUrl | Should -BeNullOrEmpty
        @(Get-TestSimulatorRequest $Simulator | Select-Object -Skip $before) | Should -BeNullOrEmpty
    }
}

Describe 'Stopping, and where it listens' {
    BeforeEach { Start-Cleanable }
    AfterEach { Remove-Leftovers }

    It 'Ctrl+C stops it at once and closes the port' {
        $receiver = Start-Receiver "-SecretPath $Secret"
        $watch = [Diagnostics.Stopwatch]::StartNew()
        $receiver.PowerShell.Stop()
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 5
        $receiver.PowerShell.InvocationStateInfo.State | Should -Be 'Stopped'
        ($receiver.PowerShell.Streams.Error | Out-String) | Should -BeNullOrEmpty -Because 'Ctrl+C is no error'
        $client = New-Object System.Net.Sockets.TcpClient
        { $client.Connect('127.0.0.1', ([uri] $receiver.Url).Port) } | Should -Throw
        $client.Dispose()
    }

    It '-TimeoutSec ends it on time' {
        # Timed on the receiver's thread, from its announcement (stamped just before its clock starts) to the statement
        # after it; load only delays an end, so the lower bound is exact, and the upper one allows for that thread waking
        # late (up to 0.8 s seen at a load of 20 on 2 cores), not for starting a runspace as a stopwatch here would.
        $timed = Start-Receiver "-SecretPath $Secret -TimeoutSec 0.2" -After '[DateTime]::Now'
        $written = Stop-Receiver $timed
        $written.Count | Should -Be 1 -Because 'nothing but the time after it is written'
        $ran = ($written[0] - $timed.StartedAt).TotalSeconds
        $ran | Should -BeGreaterOrEqual 0.2
        $ran | Should -BeLessOrEqual 2.2
    }

    It 'plain http on an address that is not loopback is refused before anything is opened, saying what to do' {
        $problem = $null
        try { Receive-TableauWebhookEvent -Address 192.168.1.5 -TimeoutSec 0.2 } catch { $problem = $_ }
        $problem | Should -Not -BeNullOrEmpty
        $problem.FullyQualifiedErrorId | Should -BeLike 'ReceiverNeedsTls,*'
        "$problem" | Should -Be 'Plain http is served on a loopback address only, and 192.168.1.5 is not one. Nothing was opened.'
        $problem.ErrorDetails.RecommendedAction | Should -Match '-Certificate'
    }
}

Describe 'A destination that keeps failing is disabled by Tableau, and Enable-TableauWebhook restores it' {
    BeforeEach { Start-Cleanable }
    AfterEach { Remove-Leftovers }

    It 'four failed attempts disable the webhook; Get-TableauWebhook -Enabled $false says why; enabled again it delivers' {
        # A receiver that is up, but the webhook names a path it refuses: every attempt gets 404.
        $receiver = Start-Receiver "-Certificate `$receiverCertificate -SecretPath $Secret -Count 1 -TimeoutSec 60"
        $wrong = $receiver.Url.Replace($Secret, 'not-the-secret-path-at-all')
        $webhook = New-TableauWebhook -Name 'failing' -Event DatasourceRefreshFailed -DestinationUrl $wrong

        $summary = @((Invoke-SimulatorEvent $Simulator 'DatasourceRefreshFailed' 'Broken').deliveries)[0]

        $summary.delivered | Should -BeFalse
        $summary.disabled | Should -BeTrue
        @($summary.statuses).Count | Should -Be 4
        @($summary.statuses | Where-Object { $_ -eq 404 }).Count | Should -Be 4
        $disabled = @(Get-TableauWebhook -Enabled $false -Name 'failing')
        $disabled.Count | Should -Be 1
        $disabled[0].StatusChangeReason | Should -Not -BeNullOrEmpty

        # Fixed and enabled again, the next event arrives.
        $null = Set-TableauWebhook -InputObject $webhook -DestinationUrl $receiver.Url
        Enable-TableauWebhook -InputObject $webhook
        (Get-TableauWebhook -Id $webhook.Id).Enabled | Should -BeTrue
        $null = Invoke-SimulatorEvent $Simulator 'DatasourceRefreshFailed' 'Fixed'
        $written = Stop-Receiver $receiver
        $written.Count | Should -Be 1
        $written[0].ResourceName | Should -Be 'Fixed'
    }

    It 'a receiver whose certificate the simulator does not trust gets nothing, and the webhook is disabled' {
        $untrusted = New-ReceiverCertificate
        $script:ReceiverCertificate, $trusted = $untrusted, $script:ReceiverCertificate
        try {
            $receiver = Start-Receiver "-Certificate `$receiverCertificate -SecretPath $Secret"
        }
        finally { $script:ReceiverCertificate = $trusted }
        $webhook = New-TableauWebhook -Name 'untrusted' -Event DatasourceRefreshFailed -DestinationUrl $receiver.Url

        # The summary comes when every attempt is over, so the receiver has had all it will get.
        $summary = @((Invoke-SimulatorEvent $Simulator 'DatasourceRefreshFailed' 'Nobody').deliveries)[0]
        $written = Stop-Receiver $receiver -Now

        $summary.delivered | Should -BeFalse
        $written.Count | Should -Be 0
        (Get-TableauWebhook -Id $webhook.Id).Enabled | Should -BeFalse
    }
}

Describe 'Bad deliveries are refused, and nothing is lost among the good ones' {
    BeforeAll {
        $script:Client = New-Object System.Net.Http.HttpClient
        $script:Good = 0
        function Send-Delivery {
            param([string] $Method, [string] $Url, [string] $ContentType, [string] $Body, [switch] $Chunked)
            $request = New-Object System.Net.Http.HttpRequestMessage([System.Net.Http.HttpMethod]::new($Method), $Url)
            if ($Chunked) { $request.Headers.TransferEncodingChunked = $true }
            if ($null -ne $Body) {
                $request.Content = New-Object System.Net.Http.StringContent($Body)
                if ($ContentType) { $request.Content.Headers.ContentType = [System.Net.Http.Headers.MediaTypeHeaderValue]::Parse($ContentType) }
            }
            [int] $script:Client.SendAsync($request).GetAwaiter().GetResult().StatusCode
        }
        function New-Payload {
            param([string] $Name)
            '{"resource":"DATASOURCE","event_type":"DatasourceRefreshFailed","resource_name":"' + $Name + '","site_luid":"s","resource_luid":"' + [guid]::NewGuid() + '","created_at":"2026-11-30T06:00:00Z"}'
        }
        # Plain http on loopback, as behind a reverse proxy: the rules are the same as over https.
        Start-Cleanable
        $script:Receiver = Start-Receiver "-SecretPath $Secret -Count 1009 -TimeoutSec 120 -MaximumBodyBytes 4096"
        $script:Base = $Receiver.Url.Replace("$Secret/", '')
    }

    AfterAll {
        Remove-Leftovers
        $Client.Dispose()
    }

    It '<What> is refused with <Status>, and a good delivery right after is accepted' -ForEach $BadDeliveries {
        $path = $Path
        if ($path -eq 'secret') { $path = $Secret }
        if ($path -eq 'secret-and-more') { $path = $Secret + 'and-more' }
        $body = $Body
        if ($body -eq 'payload') { $body = New-Payload 'refused' }
        if ($body -eq 'huge') { $body = '{"event_type":"' + ('x' * 1MB) + '"}' }
        if ($body -eq 'just-over') { $body = New-Payload 'refused'; $body += ' ' * (4097 - $body.Length) }

        Send-Delivery $Method "$Base$path/" $ContentType $body -Chunked:([bool] $_.Chunked) | Should -Be $Status
        Send-Delivery 'POST' $Receiver.Url 'application/json' (New-Payload "good-$What") | Should -Be 200
        $script:Good++
    }

    It 'a burst of 1,000 deliveries at once is answered 200 each' {
        $tasks = foreach ($n in 1..1000) {
            $content = New-Object System.Net.Http.StringContent((New-Payload "burst-$n"), [System.Text.Encoding]::UTF8, 'application/json')
            $Client.PostAsync($Receiver.Url, $content)
        }
        [System.Threading.Tasks.Task]::WaitAll([System.Threading.Tasks.Task[]] $tasks)
        @($tasks | Where-Object { [int] $_.Result.StatusCode -ne 200 }).Count | Should -Be 0
        $script:Good += 1000
    }

    It 'every accepted delivery was written, once, and no refused one' {
        # 9 good ones beside the bad ones, and 1,000 in the burst: -Count 1009 ends the receiver after the last.
        $written = Stop-Receiver $Receiver
        $names = @($written | ForEach-Object { $_.ResourceName })
        $names.Count | Should -Be 1009
        @($names | Sort-Object -Unique).Count | Should -Be 1009
        @($names | Where-Object { $_ -eq 'refused' }).Count | Should -Be 0
        @($names | Where-Object { $_ -like 'good-*' }).Count | Should -Be 9
    }
}

Describe 'ConvertFrom-TableauWebhookPayload in a runbook' {
    BeforeAll {
        $script:Body = '{"resource":"DATASOURCE","event_type":"DatasourceRefreshFailed","resource_name":"Sales","site_luid":"8b2a95d8-52b9-40a4-8712-cd6da771bd1b","resource_luid":"9f9bcaf8-8c4c-403c-b7e1-10dd85620f00","created_at":"2026-11-30T06:00:00Z"}'
    }

    It 'reads $WebhookData by its RequestBody property, as Azure Automation passes it' {
        $webhookData = [pscustomobject]@{ WebhookName = 'tableau'; RequestBody = $Body; RequestHeader = @{} }
        $event = $webhookData | ConvertFrom-TableauWebhookPayload
        $event.Event | Should -Be 'DatasourceRefreshFailed'
        $event.CreatedAt | Should -Be ([DateTimeOffset]'2026-11-30T06:00:00Z')
    }

    It 'reads bytes piped one by one as one body' {
        $bytes = [System.Text.Encoding]::UTF8.GetBytes($Body)
        @($bytes | ConvertFrom-TableauWebhookPayload).Count | Should -Be 1
    }

    It 'writes one error per bad input and reads the rest' {
        $events = @('not json', $Body, '[1]' | ConvertFrom-TableauWebhookPayload -ErrorVariable problems -ErrorAction SilentlyContinue)
        $events.Count | Should -Be 1
        $problems.Count | Should -Be 2
        $problems[0].FullyQualifiedErrorId | Should -Match '^InvalidWebhookPayload,'
    }

    # Issue 23, point 6: Get-Content without -Raw pipes a file line by line, and each line was read as a body of its own.
    Context 'a payload file read with Get-Content' {
        BeforeAll {
            $script:PayloadFile = Join-Path ([IO.Path]::GetTempPath()) ('tw-payload-' + [guid]::NewGuid() + '.json')
            # Indented, as a payload saved from a log or a receiver is: one key per line.
            [IO.File]::WriteAllText($PayloadFile, ($Body | ConvertFrom-Json | ConvertTo-Json))
            $script:BrokenFile = Join-Path ([IO.Path]::GetTempPath()) ('tw-payload-' + [guid]::NewGuid() + '.json')
            [IO.File]::WriteAllText($BrokenFile, (($Body | ConvertFrom-Json | ConvertTo-Json) -replace '\}\s*$', ''))
        }

        AfterAll {
            Remove-Item -LiteralPath $PayloadFile, $BrokenFile -ErrorAction SilentlyContinue
        }

        It 'without -Raw its lines are read as one body' {
            @(Get-Content -LiteralPath $PayloadFile).Count | Should -BeGreaterThan 5

            $events = @(Get-Content -LiteralPath $PayloadFile | ConvertFrom-TableauWebhookPayload -ErrorVariable problems)

            $problems.Count | Should -Be 0
            $events.Count | Should -Be 1
            $events[0].Event | Should -Be 'DatasourceRefreshFailed'
            $events[0].ResourceName | Should -Be 'Sales'
        }

        It 'given to -Body as the lines of the file, they are read as one body too' {
            $events = @(ConvertFrom-TableauWebhookPayload -Body (Get-Content -LiteralPath $PayloadFile))
            $events.Count | Should -Be 1
            $events[0].ResourceName | Should -Be 'Sales'
        }

        It 'with -Raw it is read as before' {
            @(Get-Content -LiteralPath $PayloadFile -Raw | ConvertFrom-TableauWebhookPayload).ResourceName | Should -Be 'Sales'
        }

        It 'a broken file gives one error, not one per line, that says how its lines were read and to use -Raw' {
            $lines = @(Get-Content -LiteralPath $BrokenFile).Count

            $events = @(Get-Content -LiteralPath $BrokenFile | ConvertFrom-TableauWebhookPayload -ErrorVariable problems -ErrorAction SilentlyContinue)

            $events.Count | Should -Be 0
            $problems.Count | Should -Be 1
            $problems[0].FullyQualifiedErrorId | Should -Match '^InvalidWebhookPayload,'
            $problems[0].ToString() | Should -BeLike "The $lines lines given were read as one body, joined by line breaks, and it is not a Tableau webhook payload. The payload is not JSON*"
            $problems[0].ErrorDetails.RecommendedAction | Should -BeLike '*Get-Content -Raw*'
        }

        It 'one payload per line (JSON Lines) gives one event per line' {
            $events = @($Body, $Body.Replace('"Sales"', '"Marketing"') | ConvertFrom-TableauWebhookPayload)
            @($events | ForEach-Object { $_.ResourceName }) | Should -Be @('Sales', 'Marketing')
        }
    }

    It 'refuses a body already converted from JSON, saying what to pass instead' {
        $converted = $Body | ConvertFrom-Json
        $null = ConvertFrom-TableauWebhookPayload -Body $converted -ErrorVariable problems -ErrorAction SilentlyContinue
        $problems[0].ErrorDetails.RecommendedAction | Should -Match 'RawBody'
    }
}

Describe 'The README''s "Reacting to events" steps' {
    BeforeEach { Start-Cleanable }
    AfterEach {
        Get-Job | Remove-Job -Force   # the steps' receiver, if they failed before it ended
        Remove-Leftovers
    }

    # Start-ThreadJob ships with PowerShell 7; the steps are for pwsh, as the README says.
    It 'work as written: the event raised in the simulator arrives in the pipeline' -Skip:($PSVersionTable.PSEdition -eq 'Desktop') {
        $readme = Get-Content (Join-Path (Get-RepoRoot) 'README.md') -Raw
        $section = $readme.Substring($readme.IndexOf('## Reacting to events'))
        $start = $section.IndexOf('```powershell') + '```powershell'.Length
        $steps = $section.Substring($start, $section.IndexOf('```', $start) - $start)
        # The newcomer's simulator runs on 8080 and types the password; this one runs where the test started it.
        $port = Get-Random -Minimum 20000 -Maximum 60000
        $steps = $steps.Replace('http://127.0.0.1:8080', $Simulator.BaseUrl.TrimEnd('/')).Replace('8443', [string] $port)
        $steps = $steps.Replace('(Get-Credential admin)', '(New-TestCredential)')
        $steps | Should -Match 'Receive-TableauWebhookEvent'

        $written = @(& ([scriptblock]::Create($steps)) | Where-Object { $_ -is [TableauWebhooks.Output.TableauWebhookDelivery] })

        $written.Count | Should -Be 1
        $written[0].Event | Should -Be 'DatasourceRefreshFailed'
        $written[0].ResourceName | Should -Be 'Sales'
    }
}
