# What Connect-TableauServer makes of what users paste and what wrapper functions pass: an address copied from the
# browser's address bar signs in to the site it shows (or is refused when -Site says otherwise), the address of a page
# or of the REST API is refused with the server address to give instead, and an empty credential is refused before
# anything is sent. "Nothing sent" is checked against the simulator's request log.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeDiscovery {
    # Addresses of pages and of the REST API: refused with the server address (and site) to give instead. {Base} is the
    # simulator's address; Says are what the message must contain besides it.
    $script:PageAddressCases = @(
        @{ Label = 'a /t/<site>/views/ page (a shared link)'; Path = '/t/finance/views/Sales/Overview?:iid=1'; Root = '{Base}'; Says = @("site 'finance'") }
        @{ Label = 'a /views/ page of the Default site'; Path = '/views/Sales/Overview'; Root = '{Base}'; Says = @('Default site') }
        @{ Label = 'a /site/<site>/ address typed without the #'; Path = '/site/finance/home'; Root = '{Base}'; Says = @("site 'finance'") }
        @{ Label = 'a REST API address'; Path = '/api/3.19/auth/signin'; Root = '{Base}'; Says = @('REST API') }
        @{ Label = 'a page under a reverse proxy''s path'; Path = '/tableau/t/finance/views/Sales/Overview'; Root = '{Base}/tableau'; Says = @("site 'finance'") }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator
    $script:Base = $Simulator.BaseUrl
    $script:ExceptionType = 'TableauWebhooks.Errors.TableauWebhooksException'

    function script:Get-RequestCount { @(Get-TestSimulatorRequest $Simulator).Count }

    function script:Get-DefaultSession { Get-TableauSession | Where-Object { $_.IsDefault } }

    # Runs a Connect-TableauServer that must be refused: returns the error record it stopped with.
    function script:Get-ConnectError {
        param([scriptblock] $Script)
        $caught = $null
        try { & $Script } catch { $caught = $_ }
        if ($null -eq $caught) { throw 'Connect-TableauServer was not refused.' }
        $caught
    }

    # The text of the -Verbose messages a script block writes.
    function script:Get-VerboseText {
        param([scriptblock] $Script)
        @(& $Script 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })
    }
}

AfterAll {
    Get-TableauSession | Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe 'Connect-TableauServer with an address copied from the browser' {
    BeforeEach {
        Get-TableauSession | Disconnect-TableauServer -ErrorAction SilentlyContinue
    }

    It 'a /#/site/contentUrl/ address signs in to that site, and -Verbose says the address chose it' {
        $verbose = Get-VerboseText { Connect-TableauServer -Server "$Base/#/site/finance/home" -Credential (New-TestCredential) -Verbose }
        $session = Get-DefaultSession
        $session.Site | Should -Be 'finance'
        $session.Server | Should -Not -Match '#'
        ($verbose -join "`n") | Should -Match "site 'finance'"
        ($verbose -join "`n") | Should -Match 'address'
    }

    It 'a Tableau Cloud style address with a view after the site signs in to that site' {
        Connect-TableauServer -Server "$Base/#/site/finance/views/Sales/Overview?:iid=1" -Credential (New-TestCredential)
        (Get-DefaultSession).Site | Should -Be 'finance'
    }

    It 'a /#/ address without /site/ is the Default site, and -Verbose says so' {
        $verbose = Get-VerboseText { Connect-TableauServer -Server "$Base/#/views/Sales/Overview" -Credential (New-TestCredential) -Verbose }
        (Get-DefaultSession).Site | Should -Be ''
        ($verbose -join "`n") | Should -Match 'Default site'
    }

    It 'an address whose site is not the one -Site gives is refused naming both sites, and nothing is sent' {
        Connect-TestSimulator $Simulator
        $defaultBefore = Get-DefaultSession
        $before = Get-RequestCount
        $caught = Get-ConnectError { Connect-TableauServer -Server "$Base/#/site/finance/home" -Site 'marketing' -Credential (New-TestCredential) -ErrorAction SilentlyContinue }
        $caught.FullyQualifiedErrorId | Should -Be 'ServerUrlSiteConflict,TableauWebhooks.Commands.ConnectTableauServerCommand'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception | Should -BeOfType $ExceptionType
        $caught.Exception.Message | Should -Match "'finance'"
        $caught.Exception.Message | Should -Match "'marketing'"
        $caught.ErrorDetails.RecommendedAction | Should -Match '-Site'
        Get-RequestCount | Should -Be $before
        (Get-DefaultSession) | Should -Be $defaultBefore
    }

    It 'a Default-site address with -Site of another site is refused naming both' {
        $before = Get-RequestCount
        $caught = Get-ConnectError { Connect-TableauServer -Server "$Base/#/home" -Site 'finance' -Credential (New-TestCredential) }
        $caught.FullyQualifiedErrorId | Should -BeLike 'ServerUrlSiteConflict,*'
        $caught.Exception.Message | Should -Match 'Default site'
        $caught.Exception.Message | Should -Match "'finance'"
        Get-RequestCount | Should -Be $before
    }

    It 'an address ending in a # part that is not a Tableau page is refused' {
        $before = Get-RequestCount
        $caught = Get-ConnectError { Connect-TableauServer -Server "$Base/#top" -Credential (New-TestCredential) }
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidServerUrl,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception.Message | Should -Match '#top'
        Get-RequestCount | Should -Be $before
    }

    It 'the address of <Label> is refused with the server address to give instead, and nothing is sent' -TestCases $PageAddressCases {
        param($Label, $Path, $Root, $Says)
        $root = $Root.Replace('{Base}', $Base)
        $before = Get-RequestCount
        $caught = Get-ConnectError { Connect-TableauServer -Server ($Base + $Path) -Credential (New-TestCredential) }
        $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidServerUrl,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception | Should -BeOfType $ExceptionType
        $caught.Exception.Message | Should -Match ([regex]::Escape("The server's address is $root"))
        foreach ($text in $Says) { $caught.Exception.Message | Should -Match ([regex]::Escape($text)) }
        $caught.ErrorDetails.RecommendedAction | Should -Match '-Server'
        Get-RequestCount | Should -Be $before
    }
}

Describe 'Connect-TableauServer with an empty credential' {
    BeforeAll {
        Connect-TestSimulator $Simulator
    }

    It '[pscredential]::Empty from a wrapper function''s default is refused with what to pass, and nothing is sent' {
        function Connect-Wrapper {
            param(
                [System.Management.Automation.PSCredential]
                [System.Management.Automation.Credential()]
                $Credential = [System.Management.Automation.PSCredential]::Empty
            )
            Connect-TableauServer -Server $Base -Credential $Credential
        }
        $defaultBefore = Get-DefaultSession
        $before = Get-RequestCount
        $caught = Get-ConnectError { Connect-Wrapper -ErrorAction SilentlyContinue }
        $caught.FullyQualifiedErrorId | Should -Be 'EmptyCredential,TableauWebhooks.Commands.ConnectTableauServerCommand'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception | Should -BeOfType $ExceptionType
        $caught.Exception.Message | Should -Match 'no user name'
        $caught.ErrorDetails.RecommendedAction | Should -Match ([regex]::Escape('-Credential (Get-Credential)'))
        Get-RequestCount | Should -Be $before
        (Get-DefaultSession) | Should -Be $defaultBefore
    }

    It 'a credential with an empty password is refused naming the user, and nothing is sent' {
        $noPassword = New-Object System.Management.Automation.PSCredential ('admin', (New-Object System.Security.SecureString))
        $before = Get-RequestCount
        $caught = Get-ConnectError { Connect-TableauServer -Server $Base -Credential $noPassword }
        $caught.FullyQualifiedErrorId | Should -BeLike 'EmptyCredential,*'
        $caught.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $caught.Exception.Message | Should -Match "'admin'"
        $caught.Exception.Message | Should -Match 'empty password'
        $caught.ErrorDetails.RecommendedAction | Should -Match 'Get-Credential'
        Get-RequestCount | Should -Be $before
    }
}
