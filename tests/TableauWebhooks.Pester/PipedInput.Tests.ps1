# Input from files, as admins feed it: a real ids.txt read by Get-Content and piped, line by line, into every cmdlet
# whose help takes ids from the pipeline; and what the errors of a bulk run say, so an admin can tell which webhook or
# which row of a long file each one is about.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike: no ternaries, no ?? or &&.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator
    $script:Receiver = $Simulator.ReceiverUrl
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ('tw-piped-' + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $Folder

    # Three webhooks: the file names the first two, the third must be left alone.
    function New-ThreeWebhooks {
        $script:First = New-TableauWebhook -Name 'piped-first' -Event WorkbookCreated -DestinationUrl "${Receiver}first"
        $script:Second = New-TableauWebhook -Name 'piped-second' -Event WorkbookDeleted -DestinationUrl "${Receiver}second"
        $script:Third = New-TableauWebhook -Name 'piped-third' -Event ViewDeleted -DestinationUrl "${Receiver}third"
    }

    # ids.txt as an admin writes it by hand: an id with spaces and a tab around it, a blank line, a line that is not
    # an id, and a plain id.
    function New-IdFile {
        $path = Join-Path $Folder 'ids.txt'
        @("  $($First.Id)`t ", '', 'not-a-webhook-id', "$($Second.Id)") | Set-Content -LiteralPath $path -Encoding UTF8
        $path
    }

    # The two bad lines of ids.txt: one error each, in file order, naming the text, and nothing else failed.
    function Assert-BadLineErrors {
        param($Failures)
        @($Failures).Count | Should -Be 2
        foreach ($failure in $Failures) {
            $failure.FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
            $failure.CategoryInfo.Category | Should -Be 'InvalidData'
        }
        $Failures[0].TargetObject | Should -Be ''
        "$($Failures[0])" | Should -Match "'' is empty \(a blank line or an empty Id column\?\), so it is not a webhook id"
        $Failures[1].TargetObject | Should -Be 'not-a-webhook-id'
        "$($Failures[1])" | Should -Match "'not-a-webhook-id' is not a webhook id"
    }
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
    Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'Ids piped as text (Get-Content ids.txt) or as [guid]s' {
    BeforeEach {
        Reset-TestSimulator $Simulator
        Connect-TestSimulator $Simulator
        New-ThreeWebhooks
        $script:IdFile = New-IdFile
    }

    It 'Get-TableauWebhook gets each listed webhook, in file order' {
        $got = Get-Content -LiteralPath $IdFile | Get-TableauWebhook -ErrorVariable failures -ErrorAction SilentlyContinue
        @($got).Name | Should -Be @('piped-first', 'piped-second')
        Assert-BadLineErrors $failures
    }

    It 'Set-TableauWebhook changes each listed webhook and leaves the others' {
        $set = Get-Content -LiteralPath $IdFile | Set-TableauWebhook -DestinationUrl "${Receiver}moved" -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        @($set).Name | Should -Be @('piped-first', 'piped-second')
        Assert-BadLineErrors $failures
        @(Get-TableauWebhook | Where-Object DestinationUrl -eq "${Receiver}moved" | Sort-Object Name).Name | Should -Be @('piped-first', 'piped-second')
        (Get-TableauWebhook -Id $Third.Id).DestinationUrl | Should -Be "${Receiver}third"
    }

    It 'Disable-TableauWebhook disables each listed webhook and leaves the others' {
        $disabled = Get-Content -LiteralPath $IdFile | Disable-TableauWebhook -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        @($disabled).Name | Should -Be @('piped-first', 'piped-second')
        @($disabled).Enabled | Should -Be @($false, $false)
        Assert-BadLineErrors $failures
        (Get-TableauWebhook -Id $Third.Id).Enabled | Should -BeTrue
    }

    It 'Enable-TableauWebhook enables each listed webhook and leaves the others' {
        Get-TableauWebhook | Disable-TableauWebhook
        $enabled = Get-Content -LiteralPath $IdFile | Enable-TableauWebhook -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        @($enabled).Name | Should -Be @('piped-first', 'piped-second')
        @($enabled).Enabled | Should -Be @($true, $true)
        Assert-BadLineErrors $failures
        (Get-TableauWebhook -Id $Third.Id).Enabled | Should -BeFalse
    }

    It 'Test-TableauWebhook tests each listed webhook' {
        $tested = Get-Content -LiteralPath $IdFile | Test-TableauWebhook -ErrorVariable failures -ErrorAction SilentlyContinue
        @($tested).WebhookName | Should -Be @('piped-first', 'piped-second')
        @($tested).Success | Should -Be @($true, $true)
        Assert-BadLineErrors $failures
        @(Get-TestSimulatorDelivery $Simulator | Where-Object { $_.path -match 'third$' }) | Should -BeNullOrEmpty
    }

    It 'Remove-TableauWebhook removes each listed webhook and leaves the others' {
        Get-Content -LiteralPath $IdFile | Remove-TableauWebhook -ErrorVariable failures -ErrorAction SilentlyContinue
        Assert-BadLineErrors $failures
        @(Get-TableauWebhook).Name | Should -Be @('piped-third')
    }

    It '[guid] values bind to -Id by value, one or many' {
        @($First.Id | Get-TableauWebhook).Name | Should -Be @('piped-first')
        @(([guid[]] @($Second.Id, $First.Id)) | Get-TableauWebhook).Name | Should -Be @('piped-second', 'piped-first')
        [guid] $Third.Id | Remove-TableauWebhook
        @(Get-TableauWebhook | Sort-Object Name).Name | Should -Be @('piped-first', 'piped-second')
    }

    It 'CSV rows with an Id column still bind by property name, a bad or empty id failing only its row' {
        $path = Join-Path $Folder 'ids.csv'
        @('Id,Note', "$($First.Id),keep", 'junk,typo', ',forgotten', " $($Second.Id) ,spaces") | Set-Content -LiteralPath $path -Encoding UTF8
        $disabled = Import-Csv -LiteralPath $path | Disable-TableauWebhook -PassThru -ErrorVariable failures -ErrorAction SilentlyContinue
        @($disabled).Name | Should -Be @('piped-first', 'piped-second')
        @($failures).Count | Should -Be 2
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        "$($failures[0])" | Should -Match "'junk' is not a webhook id"
        $failures[1].FullyQualifiedErrorId | Should -BeLike 'ParameterArgumentTransformationError,*'
        "$($failures[1])" | Should -Match "'' is empty \(a blank line or an empty Id column\?\), so it is not a webhook id"
    }

    It 'a piped webhook still binds whole to -InputObject beside piped ids: its name in messages, its own session' {
        # The finance webhook is read through a session that is not the default one: bound by its Id, it would be
        # looked for on the Default site and not found.
        $finance = Connect-TableauServer -Server $Simulator.BaseUrl -Site finance -Credential (New-TestCredential) -NotDefault -PassThru
        $elsewhere = New-TableauWebhook -Session $finance -Name 'piped-finance' -Event WorkbookCreated -DestinationUrl "${Receiver}finance"

        $records = @($elsewhere, "$($First.Id)") | Disable-TableauWebhook -PassThru -Verbose 4>&1
        $disabled = @($records | Where-Object { $_ -is [TableauWebhooks.Output.TableauWebhook] })
        $verbose = @($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object { $_.Message })

        $disabled.Name | Should -Be @('piped-finance', 'piped-first')
        $disabled[0].Site | Should -Be 'finance'
        $disabled[1].Site | Should -Be ''
        $verbose | Should -Contain "Disabling webhook 'piped-finance' ($($elsewhere.Id))."
        $verbose | Should -Contain "Disabling webhook $($First.Id)."
        (Get-TableauWebhook -Session $finance -Id $elsewhere.Id).Enabled | Should -BeFalse
    }
}

Describe 'Errors of a bulk run name the webhook, or the row, they are about' {
    BeforeEach {
        Reset-TestSimulator $Simulator
        Connect-TestSimulator $Simulator
    }

    # Each error keeps the client's own message (the fact), ErrorId, category and target; what the admin reads
    # ($_ as text, the ErrorDetails message) starts with the webhook's name, else its id, else its row of input.
    It 'Import-Csv | New-TableauWebhook -ThrottleLimit <ThrottleLimit>: a bad row''s error names its webhook, or its row when it has no name' -ForEach @(
        @{ ThrottleLimit = 1 }
        @{ ThrottleLimit = 4 }
    ) {
        $path = Join-Path $Folder 'hooks.csv'
        @(
            'Name,Event,DestinationUrl'
            "good-1,WorkbookCreated,${Receiver}good1"
            'no-destination,WorkbookDeleted,'
            ",ViewDeleted,${Receiver}nameless"
            'insecure,WorkbookCreated,http://hooks.example.com/x'
            'short-row,ViewDeleted'
            "good-2,DatasourceRefreshFailed,${Receiver}good2"
        ) | Set-Content -LiteralPath $path -Encoding UTF8

        $created = Import-Csv -LiteralPath $path | New-TableauWebhook -ThrottleLimit $ThrottleLimit -ErrorVariable failures -ErrorAction SilentlyContinue

        @($created).Name | Should -Be @('good-1', 'good-2')
        $expected = @(
            @{ Subject = "Webhook 'no-destination'"; ErrorId = 'InvalidDestinationUrl'; Target = 'no-destination'; Fact = "The destination URL '' is empty: *" }
            @{ Subject = 'Row 3'; ErrorId = 'InvalidWebhookName'; Target = ''; Fact = 'The webhook name must not be empty or blank.' }
            @{ Subject = "Webhook 'insecure'"; ErrorId = 'InsecureDestinationUrl'; Target = 'insecure'; Fact = "The destination URL 'http://hooks.example.com/x' uses http://*" }
            @{ Subject = "Webhook 'short-row'"; ErrorId = 'InvalidDestinationUrl'; Target = 'short-row'; Fact = "The destination URL '' is empty: *" }
        )
        @($failures).Count | Should -Be $expected.Count
        for ($i = 0; $i -lt $expected.Count; $i++) {
            $failure = $failures[$i]
            $failure.FullyQualifiedErrorId | Should -Be "$($expected[$i].ErrorId),TableauWebhooks.Commands.NewTableauWebhookCommand"
            $failure.CategoryInfo.Category | Should -Be 'InvalidArgument'
            [string] $failure.TargetObject | Should -Be $expected[$i].Target
            $failure.Exception.ErrorId | Should -Be $expected[$i].ErrorId
            $failure.Exception.Message | Should -BeLike $expected[$i].Fact
            "$failure" | Should -Be ("$($expected[$i].Subject): " + $failure.Exception.Message)
        }
    }

    It '<Command>: a piped webhook that is gone is named by its name and id, a piped id by the id' -ForEach @(
        @{ Command = 'Set-TableauWebhook'; Arguments = @{ NewName = 'renamed' }; ErrorId = 'WebhookNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Enable-TableauWebhook'; Arguments = @{}; ErrorId = 'WebhookNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Disable-TableauWebhook'; Arguments = @{}; ErrorId = 'WebhookNotFound'; Category = 'ObjectNotFound' }
        @{ Command = 'Test-TableauWebhook'; Arguments = @{}; ErrorId = 'WebhookTestRejected'; Category = 'InvalidArgument' }
        @{ Command = 'Remove-TableauWebhook'; Arguments = @{}; ErrorId = 'WebhookNotFound'; Category = 'ObjectNotFound' }
    ) {
        New-ThreeWebhooks
        $gone = Get-TableauWebhook -Id $Second.Id
        Remove-TableauWebhook -Id $Second.Id
        $missing = [guid]::NewGuid()
        $path = Join-Path $Folder 'missing.txt'
        @("$missing") | Set-Content -LiteralPath $path -Encoding UTF8

        @($gone) + @(Get-Content -LiteralPath $path) | & $Command @Arguments -ErrorVariable failures -ErrorAction SilentlyContinue | Out-Null

        @($failures).Count | Should -Be 2
        $byObject = $failures[0]
        $byObject.FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $byObject.CategoryInfo.Category | Should -Be $Category
        $byObject.TargetObject.Id | Should -Be $Second.Id
        "$byObject" | Should -Be ("Webhook 'piped-second' ($($Second.Id)): " + $byObject.Exception.Message)
        $byObject.Exception.Message | Should -Not -Match '^Webhook '''

        $byId = $failures[1]
        $byId.FullyQualifiedErrorId | Should -BeLike 'WebhookNotFound,*'
        $byId.CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $byId.TargetObject | Should -Be $missing
        "$byId" | Should -Be ("Webhook ${missing}: " + $byId.Exception.Message)
        $byId.Exception.Message | Should -Match "^Resource Not Found: Webhook '$missing' could not be found"
    }

    It 'Get-TableauWebhook -Id names each id it cannot find, given or piped, and gets the others' {
        New-ThreeWebhooks
        $missing = [guid]::NewGuid()

        $got = Get-TableauWebhook -Id $missing, $First.Id -ErrorVariable given -ErrorAction SilentlyContinue
        $piped = @("$($Third.Id)", " $missing ") | Get-TableauWebhook -ErrorVariable fromPipe -ErrorAction SilentlyContinue

        @($got).Name | Should -Be @('piped-first')
        @($piped).Name | Should -Be @('piped-third')
        foreach ($failure in @($given) + @($fromPipe)) {
            $failure.FullyQualifiedErrorId | Should -Be 'WebhookNotFound,TableauWebhooks.Commands.GetTableauWebhookCommand'
            $failure.TargetObject | Should -Be $missing
            "$failure" | Should -Be ("Webhook ${missing}: " + $failure.Exception.Message)
        }
        @($given).Count + @($fromPipe).Count | Should -Be 2
    }
}
