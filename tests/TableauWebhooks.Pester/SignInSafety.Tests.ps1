# Where Connect-TableauServer sends a password, token or JWT, and how often (issue 23): only over https or to this
# machine unless -AllowUnencryptedAuthentication says otherwise; a sign-in answered by a login page instead of Tableau
# is never repeated; a too-high -ApiVersion is answered with the version to use.
# "Another machine" is this machine's own non-loopback address (the simulator listens on every address), so the
# refusal is tested against a real listener that would have received the request; without such an address those tests
# are skipped, saying why. Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeDiscovery {
    $script:NetworkAddress = [System.Net.NetworkInformation.NetworkInterface]::GetAllNetworkInterfaces() |
        Where-Object { $_.OperationalStatus -eq 'Up' } |
        ForEach-Object { $_.GetIPProperties().UnicastAddresses } |
        Where-Object { $_.Address.AddressFamily -eq 'InterNetwork' -and -not [System.Net.IPAddress]::IsLoopback($_.Address) } |
        ForEach-Object { $_.Address.ToString() } |
        Select-Object -First 1
    $script:SecretCases = @(
        @{ Kind = 'a password'; Secret = 'password'; Parameters = @{ Credential = 'Password' } }
        @{ Kind = 'a personal access token'; Secret = "personal access token's secret"; Parameters = @{ PersonalAccessTokenName = 'admin-pat'; PersonalAccessTokenSecret = 'admin-pat-secret' } }
        @{ Kind = 'a connected-app JWT'; Secret = 'JSON Web Token'; Parameters = @{ Jwt = 'eyJhbGciOiJIUzI1NiJ9.e30.not-a-real-signature' } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    # The simulator on every address: this machine reaches it at 127.0.0.1 (its control API answers only there) and,
    # as another machine would, at the network address.
    $script:Simulator = Start-TestSimulator -Arguments @('--urls', 'http://0.0.0.0:0')
    $script:Simulator.BaseUrl = $Simulator.BaseUrl -replace '^http://0\.0\.0\.0:', 'http://127.0.0.1:'
    $script:Port = ([Uri]$Simulator.BaseUrl).Port

    # Connect-TableauServer's sign-in parameters from a case's table: secrets as SecureString.
    function script:ConvertTo-SignInParameter {
        param([hashtable] $Table)
        $result = @{}
        foreach ($key in $Table.Keys) {
            if ($key -eq 'Credential') { $result.Credential = New-TestCredential }
            elseif ($key -eq 'PersonalAccessTokenName') { $result[$key] = $Table[$key] }
            else { $result[$key] = ConvertTo-SecureString -String $Table[$key] -AsPlainText -Force }
        }
        $result
    }

    # Runs a Connect-TableauServer that must fail: returns the error record it stopped with.
    function script:Get-ConnectError {
        param([scriptblock] $Script)
        $caught = $null
        try { & $Script } catch { $caught = $_ }
        if ($null -eq $caught) { throw 'Connect-TableauServer did not fail.' }
        $caught
    }

    function script:Get-SignInPost {
        @(Get-TestSimulatorRequest $Simulator | Where-Object { $_.method -eq 'POST' -and $_.path -like '*/auth/signin' })
    }
}

AfterAll {
    Get-TableauSession | Disconnect-TableauServer -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe 'Secrets go only over https or to this machine' {
    BeforeEach {
        Get-TableauSession | Disconnect-TableauServer -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Reset-TestSimulator $Simulator
    }

    Context 'to another machine over plain http' -Skip:(-not $NetworkAddress) {
        BeforeAll {
            $script:Remote = 'http://{0}:{1}' -f $NetworkAddress, $Port
        }

        It 'refuses <Kind>, naming the address and -AllowUnencryptedAuthentication, and sends nothing at all' -ForEach $SecretCases {
            $signIn = ConvertTo-SignInParameter $Parameters
            $record = Get-ConnectError { Connect-TableauServer -Server $Remote @signIn }

            $record.FullyQualifiedErrorId | Should -BeLike 'UnencryptedAuthentication,*'
            $record.CategoryInfo.Category | Should -Be 'InvalidArgument'
            $record.TargetObject | Should -Be $Remote
            "$record" | Should -BeLike "*the $Secret to $Remote over plain http*"
            "$record" | Should -BeLike '*-AllowUnencryptedAuthentication*'
            "$record" | Should -Not -Match 'admin-pat-secret|not-a-real-signature'
            $record.ErrorDetails.RecommendedAction | Should -BeLike '*https://*-AllowUnencryptedAuthentication*'
            # Not even serverinfo: the listener behind the address saw nothing.
            @(Get-TestSimulatorRequest $Simulator).Count | Should -Be 0
            @(Get-TableauSession).Count | Should -Be 0
        }

        It 'with -AllowUnencryptedAuthentication connects and warns once; re-sign-in, site switch and sign-out follow without another warning' {
            $warnings = $null
            $session = Connect-TableauServer -Server $Remote -Credential (New-TestCredential) -AllowUnencryptedAuthentication -PassThru -WarningVariable warnings -WarningAction SilentlyContinue
            $session.Server.Authority | Should -Be ('{0}:{1}' -f $NetworkAddress, $Port)
            @($warnings).Count | Should -Be 1
            "$($warnings[0])" | Should -BeLike "*password and this session's token go to $Remote over plain http*"

            $later = $null
            Add-TestSimulatorFault $Simulator ExpireToken GET '/webhooks'
            $null = Get-TableauWebhook -WarningVariable +later
            Switch-TableauSite -Site finance -WarningVariable +later
            $null = Get-TableauWebhook -WarningVariable +later
            Disconnect-TableauServer -WarningVariable +later
            @($later).Count | Should -Be 0

            $log = @(Get-TestSimulatorRequest $Simulator)
            @($log | Where-Object { $_.path -like '*/auth/signin' -and $_.statusCode -eq 200 }).Count | Should -Be 2 -Because 'the expired session was signed in again'
            @($log | Where-Object { $_.path -like '*/auth/switchSite' -and $_.statusCode -eq 200 }).Count | Should -Be 1
            @($log | Where-Object { $_.path -like '*/auth/signout' -and $_.statusCode -eq 204 }).Count | Should -Be 1
        }
    }

    Context 'to this machine over plain http' {
        It 'connects to <Name> without the switch and without a warning' -ForEach @(@{ Name = '127.0.0.1' }, @{ Name = 'localhost' }) {
            $warnings = $null
            $session = Connect-TableauServer -Server ('http://{0}:{1}' -f $Name, $Port) -Credential (New-TestCredential) -PassThru -WarningVariable warnings
            $session.Server.Host | Should -Be $Name
            @($warnings).Count | Should -Be 0
            @(Get-TableauWebhook).Count | Should -Be 0
            Disconnect-TableauServer -Session $session
        }
    }
}

Describe 'A sign-in answered by something other than Tableau is not repeated' {
    BeforeEach {
        Get-TableauSession | Disconnect-TableauServer -ErrorAction SilentlyContinue -WarningAction SilentlyContinue
        Reset-TestSimulator $Simulator
    }

    It 'posts the password once to an HTML login page, and says to use a personal access token or JWT' {
        foreach ($i in 1..10) { Add-TestSimulatorFault $Simulator HtmlPage POST '/auth/signin' }

        $record = Get-ConnectError { Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) }

        $record.FullyQualifiedErrorId | Should -BeLike 'SignInIntercepted,*'
        $record.CategoryInfo.Category | Should -Be 'InvalidResult'
        "$record" | Should -BeLike '*HTML page*single sign-on page or a proxy answered*'
        "$record" | Should -BeLike '*personal access token*-Jwt*'
        $record.ErrorDetails.RecommendedAction | Should -BeLike '*-PersonalAccessTokenName*-Jwt*'
        @(Get-SignInPost).Count | Should -Be 1
    }

    It 'does not follow a redirect to a login page: the password is posted once, and never to the login page' {
        foreach ($i in 1..10) { Add-TestSimulatorFault $Simulator RedirectToLogin POST '/auth/signin' }

        $record = Get-ConnectError { Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) }

        $record.FullyQualifiedErrorId | Should -BeLike 'SignInIntercepted,*'
        "$record" | Should -BeLike "*redirect (302) to $($Simulator.BaseUrl)/sso/login *"
        @(Get-SignInPost).Count | Should -Be 1
        @(Get-TestSimulatorRequest $Simulator | Where-Object { $_.path -like '/sso/*' }).Count | Should -Be 0
    }

    It 'retries a 503 before any answer: 1 + -MaximumRetryCount sign-in posts (here 3)' {
        $null = Invoke-RestMethod -Method Put -Uri "$($Simulator.BaseUrl)/_simulator/faults" -ContentType 'application/json' -Body '{"retryAfterSeconds":0}'
        foreach ($i in 1..10) { Add-TestSimulatorFault $Simulator ServiceUnavailable POST '/auth/signin' }

        $record = Get-ConnectError { Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) -MaximumRetryCount 2 -RetryIntervalSec 0 }

        $record.FullyQualifiedErrorId | Should -BeLike 'ServerError,*'
        "$record" | Should -BeLike '*Gave up after 3 attempts*'
        @(Get-SignInPost).Count | Should -Be 3
    }

    It 'signs in after a 503 that passes' {
        $null = Invoke-RestMethod -Method Put -Uri "$($Simulator.BaseUrl)/_simulator/faults" -ContentType 'application/json' -Body '{"retryAfterSeconds":0}'
        Add-TestSimulatorFault $Simulator ServiceUnavailable POST '/auth/signin'

        Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) -RetryIntervalSec 0
        @(Get-SignInPost).Count | Should -Be 2
    }
}

Describe 'Connect-TableauServer -ApiVersion above what the server supports' {
    BeforeAll {
        $script:OldServer = Start-TestSimulator -Arguments @('--Simulator:ProductVersion=2019.4')
    }

    AfterAll {
        Stop-TestSimulator $OldServer
    }

    It 'against 2019.4 (API 3.6), -ApiVersion 3.27 says to use -ApiVersion 3.6 or lower, naming it as the server''s highest' {
        $record = Get-ConnectError { Connect-TableauServer -Server $OldServer.BaseUrl -Credential (New-TestCredential) -ApiVersion 3.27 }

        $record.FullyQualifiedErrorId | Should -BeLike 'ApiVersionNotSupported,*'
        "$record" | Should -BeLike '*3.27 was requested*2019.4*supports at most 3.6*'
        $record.ErrorDetails.RecommendedAction | Should -Be 'Use -ApiVersion 3.6 or lower, the highest this server supports, or leave -ApiVersion out to use it.'
        @(Get-TestSimulatorRequest $OldServer | Where-Object { $_.path -like '*/auth/signin' }).Count | Should -Be 0
    }
}
