# Get-Help as a user reads it: every exported cmdlet has its own written help (not the syntax-only stub PowerShell
# makes up for a cmdlet without help), every parameter is described as the cmdlet declares it, and the about topic
# is found by name. Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeDiscovery {
    # The cmdlets a user gets, from the manifest the build stamps into out/TableauWebhooks (Import-PowerShellDataFile
    # is in 5.1 too). A test below checks that the built module exports exactly these.
    $manifest = Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot '../../TableauWebhooks.psd1')
    $script:CmdletCases = @($manifest.CmdletsToExport | ForEach-Object { @{ Name = $_ } })
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force

    $script:ManifestCmdlets = @((Import-PowerShellDataFile -Path (Join-Path $PSScriptRoot '../../TableauWebhooks.psd1')).CmdletsToExport)

    # Parameters every cmdlet gets from PowerShell, whose help PowerShell writes itself (about_CommonParameters).
    $script:CommonParameters = @([System.Management.Automation.PSCmdlet]::CommonParameters) +
        @([System.Management.Automation.PSCmdlet]::OptionalCommonParameters) + @('ProgressAction')

    function script:Get-OwnParameter {
        param([string] $CommandName)
        $command = Get-Command -Name $CommandName -Module TableauWebhooks
        @($command.Parameters.Values | Where-Object { $script:CommonParameters -notcontains $_.Name })
    }

    # The parameters the help documents, without the empty entry Get-Help returns for a cmdlet that has none.
    function script:Get-HelpParameter {
        param($Help)
        if ($null -eq $Help.parameters -or $Help.parameters -is [string]) { return @() }
        @($Help.parameters.parameter | Where-Object { $null -ne $_ -and -not [string]::IsNullOrEmpty($_.name) })
    }

    function script:ConvertTo-HelpText {
        param($Value)
        if ($null -eq $Value) { return '' }
        ($Value | Out-String -Width 500).Trim()
    }

    # A regex that finds the words of $Text in rendered help, whatever the help renderer did to the line breaks.
    function script:ConvertTo-FlexiblePattern {
        param([string] $Text)
        (@($Text.Trim() -split '\s+') | ForEach-Object { [regex]::Escape($_) }) -join '\s+'
    }
}

Describe 'The cmdlets the help tests cover' {
    It 'are exactly the cmdlets the built module exports' {
        $exported = @((Get-Module TableauWebhooks).ExportedCmdlets.Keys | Sort-Object)
        $exported.Count | Should -BeGreaterThan 0
        $exported | Should -Be @($ManifestCmdlets | Sort-Object)
    }
}

Describe 'Get-Help <Name>' -ForEach $CmdletCases {
    BeforeAll {
        $script:Help = Get-Help -Name $Name -Full
        $script:FullText = $Help | Out-String -Width 200
        $script:Command = Get-Command -Name $Name -Module TableauWebhooks
    }

    It 'comes from the module''s help file, not PowerShell''s syntax-only stub' {
        $Help.Name | Should -Be $Name
        $Help.ModuleName | Should -Be 'TableauWebhooks'
        # Without a help file Get-Help makes the synopsis out of the syntax: "New-TableauWebhook [-Name] <string> ...".
        $synopsis = ConvertTo-HelpText $Help.Synopsis
        $synopsis | Should -Not -BeNullOrEmpty
        $synopsis | Should -Not -Match ('^' + [regex]::Escape($Name))
        $synopsis | Should -Not -Match '\[-\w+|<CommonParameters>'
        $synopsis | Should -Match '^[A-Z].*\.$' -Because 'a synopsis is a written sentence'
        $FullText | Should -Match ('SYNOPSIS\s+' + (ConvertTo-FlexiblePattern $synopsis))
    }

    It 'has a description a user reads under DESCRIPTION' {
        $description = ConvertTo-HelpText $Help.description
        $description.Length | Should -BeGreaterThan 40
        $description | Should -Not -Be (ConvertTo-HelpText $Help.Synopsis)
        $firstWords = (@($description -split '\s+') | Select-Object -First 6) -join ' '
        $FullText | Should -Match ('DESCRIPTION\s+' + (ConvertTo-FlexiblePattern $firstWords))
    }

    It 'describes every parameter of the cmdlet' {
        $documented = Get-HelpParameter $Help
        $missing = @(Get-OwnParameter $Name | Where-Object {
                $parameterName = $_.Name
                $entry = $documented | Where-Object { $_.name -eq $parameterName } | Select-Object -First 1
                $null -eq $entry -or (ConvertTo-HelpText $entry.description).Length -lt 10
            } | ForEach-Object { $_.Name })
        $missing | Should -BeNullOrEmpty -Because "every parameter needs a description in docs/en-US/$Name.md"
        foreach ($parameter in Get-OwnParameter $Name) {
            $FullText | Should -Match ('(?m)^\s*-' + $parameter.Name + '\b') -Because "-$($parameter.Name) should be listed under PARAMETERS"
        }
    }

    It 'documents no parameter the cmdlet does not have' {
        $own = @(Get-OwnParameter $Name | ForEach-Object { $_.Name })
        $extra = @(Get-HelpParameter $Help | Where-Object { $own -notcontains $_.name -and $CommonParameters -notcontains $_.name } | ForEach-Object { $_.name })
        $extra | Should -BeNullOrEmpty
    }

    It 'documents each parameter''s type, position, pipeline input and aliases as the cmdlet declares them' {
        $mismatches = New-Object System.Collections.Generic.List[string]
        $documented = Get-HelpParameter $Help
        foreach ($parameter in Get-OwnParameter $Name) {
            $parameterName = $parameter.Name
            $entry = $documented | Where-Object { $_.name -eq $parameterName } | Select-Object -First 1
            if ($null -eq $entry) { continue } # reported by the test above

            if ($entry.type.name -ne $parameter.ParameterType.Name) {
                $mismatches.Add("-${parameterName}: type '$($entry.type.name)', the cmdlet takes $($parameter.ParameterType.Name)")
            }

            $attributes = @($parameter.Attributes | Where-Object { $_ -is [System.Management.Automation.ParameterAttribute] })
            $positions = @($attributes | Where-Object { $_.Position -ge 0 } | ForEach-Object { [string] $_.Position } | Select-Object -Unique)
            $expectedPosition = 'named'
            if ($positions.Count -gt 0) { $expectedPosition = $positions[0] }
            if ([string] $entry.position -ne $expectedPosition) {
                $mismatches.Add("-${parameterName}: position '$($entry.position)', the cmdlet has $expectedPosition")
            }

            $mandatory = 'false'
            if (@($attributes | Where-Object { $_.Mandatory }).Count -gt 0) { $mandatory = 'true' }
            if ([string] $entry.required -ne $mandatory) {
                $mismatches.Add("-${parameterName}: required '$($entry.required)', the cmdlet says $mandatory")
            }

            $byValue = @($attributes | Where-Object { $_.ValueFromPipeline }).Count -gt 0
            $byName = @($attributes | Where-Object { $_.ValueFromPipelineByPropertyName }).Count -gt 0
            $pipelineText = [string] $entry.pipelineInput
            $saysByValue = $pipelineText -match 'ByValue'
            $saysByName = $pipelineText -match 'ByPropertyName'
            if ($saysByValue -ne $byValue -or $saysByName -ne $byName -or (($byValue -or $byName) -ne ($pipelineText -match '^True'))) {
                $mismatches.Add("-${parameterName}: pipeline input '$pipelineText', the cmdlet binds ByValue=$byValue ByPropertyName=$byName")
            }

            $helpAliases = @(([string] $entry.aliases) -split ',\s*' | Where-Object { $_ -and $_ -ne 'none' } | Sort-Object)
            $aliases = @($parameter.Aliases | Sort-Object)
            if (($helpAliases -join ',') -ne ($aliases -join ',')) {
                $mismatches.Add("-${parameterName}: aliases '$($helpAliases -join ',')', the cmdlet has '$($aliases -join ',')'")
            }
        }
        $mismatches | Should -BeNullOrEmpty
    }

    It 'shows one syntax per parameter set' {
        @($Help.syntax.syntaxItem).Count | Should -Be @($Command.ParameterSets).Count
        $FullText | Should -Match ('SYNTAX\s+' + [regex]::Escape($Name))
    }

    It 'says what it takes from the pipeline under INPUTS' {
        $inputs = @($Help.inputTypes.inputType | Where-Object { $null -ne $_ })
        $inputs.Count | Should -BeGreaterThan 0
        foreach ($inputType in $inputs) { ([string] $inputType.type.name).Trim() | Should -Not -BeNullOrEmpty }
        $FullText | Should -Match ('INPUTS\s+' + [regex]::Escape(([string] $inputs[0].type.name).Trim()))
    }

    It 'says what it returns under OUTPUTS, naming every type the cmdlet declares' {
        $outputs = @($Help.returnValues.returnValue | Where-Object { $null -ne $_ })
        $outputs.Count | Should -BeGreaterThan 0
        $documentedTypes = @($outputs | ForEach-Object { ([string] $_.type.name).Trim() })
        foreach ($declared in $Command.OutputType) {
            $typeName = $declared.Name
            if ($typeName -eq 'System.Void') { $typeName = 'None' }
            $documentedTypes | Should -Contain $typeName
        }
        $FullText | Should -Match ('OUTPUTS\s+' + [regex]::Escape($documentedTypes[0]))
    }

    It 'has examples with code that uses the cmdlet (Get-Help -Examples)' {
        $examplesHelp = Get-Help -Name $Name -Examples
        $examples = @($examplesHelp.examples.example)
        $examples.Count | Should -BeGreaterThan 0
        foreach ($example in $examples) {
            ([string] $example.code).Trim() | Should -Not -BeNullOrEmpty -Because "$($example.title) needs code"
            (ConvertTo-HelpText $example.remarks) | Should -Not -BeNullOrEmpty -Because "$($example.title) needs a text that says what it does"
        }
        @($examples | Where-Object { ([string] $_.code) -match [regex]::Escape($Name) }).Count | Should -BeGreaterThan 0

        $text = $examplesHelp | Out-String -Width 200
        $text | Should -Match 'Example 1'
        $firstLine = @(([string] $examples[0].code).Trim() -split '\r?\n')[0]
        $text | Should -Match (ConvertTo-FlexiblePattern $firstLine)
    }
}

Describe 'Get-Help about_TableauWebhooks' {
    BeforeAll {
        $script:AboutText = Get-Help -Name about_TableauWebhooks | Out-String -Width 200
    }

    It 'returns the about topic text' {
        $AboutText | Should -Match '(?m)^\s*SHORT DESCRIPTION\s+Manage Tableau Server and Tableau Cloud webhooks'
        $AboutText | Should -Match '(?m)^\s*LONG DESCRIPTION\s'
        $AboutText.Length | Should -BeGreaterThan 2000
    }

    It 'explains the ErrorIds and the exception type scripts can rely on' {
        $AboutText | Should -Match 'TableauWebhooks\.Errors\.TableauWebhooksException'
        foreach ($errorId in 'WebhookNotFound', 'InsecureDestinationUrl', 'UnknownWebhookEvent', 'TableauSessionNotConnected') {
            $AboutText | Should -Match "\b$errorId\b"
        }
    }

    It 'is found by a wildcard search for the module''s about topics' {
        $found = @(Get-Help -Name 'about_TableauWeb*' | Where-Object { $_.Name -eq 'about_TableauWebhooks' })
        $found.Count | Should -Be 1
    }
}
