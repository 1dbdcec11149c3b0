# Destination URLs are what Tableau will call: absolute https, a host, no user information, no raw whitespace or control
# characters. The same rule, with the same ErrorId and the same words for the part that is wrong, in New- and
# Set-TableauWebhook, CSV rows piped to New-TableauWebhook, and webhook documents (Test-TableauWebhookDocument,
# Sync-TableauWebhook); nothing is sent for a refused URL, and a URL with user information is never echoed.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeDiscovery {
    # Url is written into a CSV cell and a JSON string as it is, so it holds no quote or comma; Json is the same URL as
    # JSON text (escapes for the characters a JSON string cannot hold raw). Part is what the message must say.
    $script:BadUrls = @(
        @{ Case = 'a raw space'; Url = 'https://hooks.example.com/a b'; ErrorId = 'InvalidDestinationUrl'; Part = 'has a space at character 28' }
        @{ Case = 'a tab'; Url = "https://hooks.example.com/a`tb"; Json = 'https://hooks.example.com/a\tb'; ErrorId = 'InvalidDestinationUrl'; Part = 'U+0009) at character 28' }
        @{ Case = 'a line break'; Url = "https://hooks.example.com/a`nb"; Json = 'https://hooks.example.com/a\nb'; ErrorId = 'InvalidDestinationUrl'; Part = 'U+000A) at character 28' }
        @{ Case = 'user information'; Url = 'https://ops:s3cret@hooks.example.com/x'; ErrorId = 'InvalidDestinationUrl'; Part = "'https://$([char]0x2026)@hooks.example.com/x' has user information" }
        @{ Case = 'no host'; Url = 'https:///x'; ErrorId = 'InvalidDestinationUrl'; Part = 'has no host' }
        @{ Case = 'no scheme'; Url = 'hooks.example.com/x'; ErrorId = 'InvalidDestinationUrl'; Part = 'is not an absolute https:// URL' }
        @{ Case = 'another scheme'; Url = 'ftp://hooks.example.com/x'; ErrorId = 'InvalidDestinationUrl'; Part = 'uses ftp://' }
        @{ Case = 'http'; Url = 'http://hooks.example.com/x'; ErrorId = 'InsecureDestinationUrl'; Part = 'uses http://' }
    )
    # Rows piped from Import-Csv hold one line per cell: the line break case cannot be written there.
    $script:CsvUrls = @($BadUrls | Where-Object { $_.Case -ne 'a line break' })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    $script:Simulator = Start-TestSimulator
    $script:Folder = Join-Path ([IO.Path]::GetTempPath()) ('tw-destinations-' + [guid]::NewGuid())
    $null = New-Item -ItemType Directory -Path $Folder

    # Everything a user or a log could see of some error records: the message, the recommended action, the
    # exception's own message and the target.
    function script:Get-ErrorText {
        param($Records)
        foreach ($record in @($Records)) {
            $record.ToString()
            if ($record.ErrorDetails) { $record.ErrorDetails.Message; $record.ErrorDetails.RecommendedAction }
            $record.Exception.Message
            ($record.TargetObject | Out-String)
        }
    }

    # Requests that create or change webhooks, from the simulator's log.
    function script:Get-ChangeCount {
        @(Get-TestSimulatorRequest $Simulator | Where-Object { $_.method -ne 'GET' -and $_.path -match '/webhooks' }).Count
    }

    function script:New-DocumentFile {
        param([string] $Url)
        $path = Join-Path $Folder ('hooks-' + [guid]::NewGuid() + '.json')
        $text = "{`n  `"formatVersion`": 2,`n  `"sites`": [`"`"],`n  `"webhooks`": [`n" +
            "    { `"Site`": `"`", `"Name`": `"good`", `"Event`": `"WorkbookCreated`", `"DestinationUrl`": `"https://hooks.example.com/good`", `"Enabled`": true },`n" +
            "    { `"Site`": `"`", `"Name`": `"bad`", `"Event`": `"WorkbookCreated`", `"DestinationUrl`": `"$Url`", `"Enabled`": true }`n  ]`n}`n"
        [IO.File]::WriteAllText($path, $text)
        $path
    }
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
    Remove-Item -LiteralPath $Folder -Recurse -Force -ErrorAction SilentlyContinue
}

Describe 'A destination URL Tableau would not call' {
    BeforeEach {
        $script:Session = Initialize-TestSimulator $Simulator
    }

    It 'New-TableauWebhook refuses <Case>, says which part is wrong and sends nothing' -ForEach $BadUrls {
        $before = Get-ChangeCount
        $created = New-TableauWebhook -Name 'refused' -Event WorkbookCreated -DestinationUrl $Url -ErrorVariable failures -ErrorAction SilentlyContinue -Verbose 4>&1

        @($created | Where-Object { $_ -is [TableauWebhooks.Output.TableauWebhook] }).Count | Should -Be 0
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,TableauWebhooks.Commands.NewTableauWebhookCommand"
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        $failures[0].TargetObject | Should -Be 'refused'
        $failures[0].ToString() | Should -BeLike ('*' + [WildcardPattern]::Escape($Part) + '*')
        (Get-ErrorText $failures) + @($created | Out-String) | Should -Not -Match 's3cret|ops:'
        Get-ChangeCount | Should -Be $before
    }

    It 'Set-TableauWebhook refuses <Case>, says which part is wrong and changes nothing' -ForEach $BadUrls {
        $hook = New-TableauWebhook -Name 'existing' -Event WorkbookCreated -DestinationUrl "$($Simulator.ReceiverUrl)existing"
        try {
            $before = Get-ChangeCount
            $verbose = Set-TableauWebhook -Id $hook.Id -DestinationUrl $Url -ErrorVariable failures -ErrorAction SilentlyContinue -Verbose 4>&1

            $failures.Count | Should -Be 1
            $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,TableauWebhooks.Commands.SetTableauWebhookCommand"
            $failures[0].TargetObject | Should -Be $hook.Id
            $failures[0].ToString() | Should -BeLike ('*' + [WildcardPattern]::Escape($Part) + '*')
            (Get-ErrorText $failures) + @($verbose | Out-String) | Should -Not -Match 's3cret|ops:'
            Get-ChangeCount | Should -Be $before
            (Get-TableauWebhook -Id $hook.Id).DestinationUrl | Should -Be "$($Simulator.ReceiverUrl)existing"
        }
        finally {
            Remove-TestWebhook -Session $Session -Id $hook.Id
        }
    }

    It 'a CSV row with <Case> is refused on its own, naming the row, while the others are created' -ForEach $CsvUrls {
        $path = Join-Path $Folder 'rows.csv'
        @(
            'Name,Event,DestinationUrl'
            "first,WorkbookCreated,$($Simulator.ReceiverUrl)first"
            "bad,WorkbookCreated,$Url"
            "last,WorkbookCreated,$($Simulator.ReceiverUrl)last"
        ) | Set-Content -LiteralPath $path -Encoding UTF8

        $created = @(Import-Csv -LiteralPath $path | New-TableauWebhook -ErrorVariable failures -ErrorAction SilentlyContinue)

        $created.Name | Should -Be @('first', 'last')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,TableauWebhooks.Commands.NewTableauWebhookCommand"
        $failures[0].ToString() | Should -BeLike "Webhook 'bad':*"
        $failures[0].ToString() | Should -BeLike ('*' + [WildcardPattern]::Escape($Part) + '*')
        Get-ErrorText $failures | Should -Not -Match 's3cret|ops:'
        (Get-TableauWebhook | Sort-Object Name).Name | Should -Be @('first', 'last')
    }

    It 'Test-TableauWebhookDocument refuses <Case> in a document, naming the entry' -ForEach $BadUrls {
        $json = if ($Json) { $Json } else { $Url }
        $path = New-DocumentFile $json

        $results = @(Test-TableauWebhookDocument -Path $path -ErrorVariable failures -ErrorAction SilentlyContinue)

        @($results | ForEach-Object { '{0}:{1}' -f $_.Name, $_.Valid }) | Should -Be @('good:True', 'bad:False')
        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike "$ErrorId,*"
        $failures[0].ToString() | Should -BeLike "*webhooks``[1``] ('bad')*"
        $failures[0].ToString() | Should -BeLike ('*' + [WildcardPattern]::Escape($Part) + '*')
        (Get-ErrorText $failures) + @($results | Out-String) | Should -Not -Match 's3cret|ops:'
    }

    It 'Sync-TableauWebhook refuses a document with <Case> and sends nothing' -ForEach $BadUrls {
        $json = if ($Json) { $Json } else { $Url }
        $path = New-DocumentFile $json
        $before = Get-ChangeCount

        $results = @(Sync-TableauWebhook -Path $path -ErrorVariable failures -ErrorAction SilentlyContinue)

        $failures.Count | Should -Be 1
        $failures[0].FullyQualifiedErrorId | Should -Be "$ErrorId,TableauWebhooks.Commands.SyncTableauWebhookCommand"
        $failures[0].ToString() | Should -BeLike ('*' + [WildcardPattern]::Escape($Part) + '*')
        (Get-ErrorText $failures) + @($results | Out-String) | Should -Not -Match 's3cret|ops:'
        Get-ChangeCount | Should -Be $before
        @(Get-TableauWebhook).Count | Should -Be 0
    }

    It 'spaces around a -DestinationUrl value are not part of it: they are trimmed, and the webhook is created' {
        $hook = New-TableauWebhook -Name 'padded' -Event WorkbookCreated -DestinationUrl "  $($Simulator.ReceiverUrl)padded  "
        try {
            $hook.DestinationUrl | Should -Be "$($Simulator.ReceiverUrl)padded"
        }
        finally {
            Remove-TestWebhook -Session $Session -Id $hook.Id
        }
    }

    It 'a password in a destination shows nowhere a user looks: not in What if:, verbose or error output of New and Set' {
        $hook = New-TableauWebhook -Name 'whatif-target' -Event WorkbookCreated -DestinationUrl "$($Simulator.ReceiverUrl)target"
        try {
            $result = Invoke-SignedInChildPowerShell $Simulator @"
New-TableauWebhook -Name 'leak' -Event WorkbookCreated -DestinationUrl 'https://ops:s3cret@hooks.example.com/x' -WhatIf -Verbose
New-TableauWebhook -Name 'leak' -Event WorkbookCreated -DestinationUrl 'https://ops:s3cret@hooks.example.com/x' -Verbose
Set-TableauWebhook -Id '$($hook.Id)' -DestinationUrl 'https://ops:s3cret@hooks.example.com/x' -WhatIf -Verbose
Set-TableauWebhook -Id '$($hook.Id)' -DestinationUrl 'https://ops:s3cret@hooks.example.com/x' -Verbose
'done'
"@
            $text = $result.StdOut + $result.StdErr
            $text | Should -Match 'done'
            ([regex]::Matches($text, 'has user information')).Count | Should -BeGreaterOrEqual 4
            $text | Should -Not -Match 'What if:'
            $text | Should -Not -Match 's3cret|ops:'
        }
        finally {
            Remove-TestWebhook -Session $Session -Id $hook.Id
        }
    }
}
