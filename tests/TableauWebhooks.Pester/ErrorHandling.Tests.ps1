# What scripts rely on when things go wrong or must not happen: -WhatIf sends no change, -Confirm:$false never asks,
# errors carry the module's ErrorId and exception type under $ErrorActionPreference = 'Stop', and one bad pipeline
# item writes its error while the others go on. Checked against the simulator's state and its request log.
# Runs in Windows PowerShell 5.1 and PowerShell 7 alike.
BeforeDiscovery {
    # -WhatIf on every cmdlet that changes a webhook, each on a webhook of its own. {<Name>Id} is the id of the webhook
    # named whatif-<name>; Target is how the "What if:" line names it; Method and Path the request it must not send.
    # Afterwards the webhook Webhook must still be as Expected (Name|Enabled), or not exist when Expected is ''.
    $script:WhatIfCases = @(
        @{ Command = 'New-TableauWebhook'; Operation = 'Create webhook'; Target = "'whatif-new' (ViewDeleted -> {Receiver}whatif-new)"; Method = 'POST'; Path = '/webhooks$'
            Webhook = 'whatif-new'; Expected = '' }
        @{ Command = 'Set-TableauWebhook'; Operation = "Update webhook (Name = 'whatif-renamed')"; Target = '{SetId}'; Method = 'PUT'; Path = '/webhooks/{SetId}$'
            Webhook = '{SetId}'; Expected = 'whatif-set|True' }
        @{ Command = 'Enable-TableauWebhook'; Operation = 'Enable webhook'; Target = '{EnableId}'; Method = 'PUT'; Path = '/webhooks/{EnableId}$'
            Webhook = '{EnableId}'; Expected = 'whatif-enable|False' }
        @{ Command = 'Disable-TableauWebhook'; Operation = 'Disable webhook'; Target = '{DisableId}'; Method = 'PUT'; Path = '/webhooks/{DisableId}$'
            Webhook = '{DisableId}'; Expected = 'whatif-disable|True' }
        @{ Command = 'Remove-TableauWebhook'; Operation = 'Remove webhook'; Target = "'whatif-remove' ({RemoveId})"; Method = 'DELETE'; Path = '/webhooks/{RemoveId}$'
            Webhook = '{RemoveId}'; Expected = 'whatif-remove|True' }
    )

    # Every cmdlet that names a webhook by -Id, with what else it needs.
    $script:MissingIdCases = @(
        @{ Command = 'Get-TableauWebhook'; Arguments = @{} }
        @{ Command = 'Set-TableauWebhook'; Arguments = @{ NewName = 'renamed' } }
        @{ Command = 'Enable-TableauWebhook'; Arguments = @{} }
        @{ Command = 'Disable-TableauWebhook'; Arguments = @{} }
        @{ Command = 'Test-TableauWebhook'; Arguments = @{} }
        @{ Command = 'Remove-TableauWebhook'; Arguments = @{ Confirm = $false } }
    )

    # Input the module refuses itself. Target 'EXISTING' stands for the id of an existing webhook.
    $script:RefusedCases = @(
        @{ Label = 'New-TableauWebhook with an http:// destination'; ErrorId = 'InsecureDestinationUrl'; Category = 'InvalidArgument'; Target = 'refused-http'; Message = 'https://'
            Script = { New-TableauWebhook -Name 'refused-http' -Event ViewDeleted -DestinationUrl 'http://hooks.example.com/tableau' } }
        @{ Label = 'New-TableauWebhook with an unknown event'; ErrorId = 'UnknownWebhookEvent'; Category = 'InvalidArgument'; Target = 'refused-event'; Message = "'NoSuchEvent' is not a Tableau webhook event"
            Script = { New-TableauWebhook -Name 'refused-event' -Event NoSuchEvent -DestinationUrl "$($Simulator.ReceiverUrl)refused" } }
        @{ Label = 'New-TableauWebhook with an empty name'; ErrorId = 'InvalidWebhookName'; Category = 'InvalidArgument'; Target = ''; Message = 'name'
            Script = { New-TableauWebhook -Name '' -Event ViewDeleted -DestinationUrl "$($Simulator.ReceiverUrl)refused" } }
        @{ Label = 'Set-TableauWebhook with an http:// destination'; ErrorId = 'InsecureDestinationUrl'; Category = 'InvalidArgument'; Target = 'EXISTING'; Message = 'https://'
            Script = { Set-TableauWebhook -Id $Existing.Id -DestinationUrl 'http://hooks.example.com/tableau' } }
        @{ Label = 'Set-TableauWebhook with an unknown event'; ErrorId = 'UnknownWebhookEvent'; Category = 'InvalidArgument'; Target = 'EXISTING'; Message = "'NoSuchEvent' is not a Tableau webhook event"
            Script = { Set-TableauWebhook -Id $Existing.Id -Event NoSuchEvent } }
        @{ Label = 'Set-TableauWebhook with nothing to change'; ErrorId = 'NothingToUpdate'; Category = 'InvalidArgument'; Target = 'EXISTING'; Message = '-NewName, -Event or -DestinationUrl'
            Script = { Set-TableauWebhook -Id $Existing.Id } }
        @{ Label = 'Get-TableauWebhook -Event with an unknown event'; ErrorId = 'UnknownWebhookEvent'; Category = 'InvalidArgument'; Target = 'NoSuchEvent'; Message = "'NoSuchEvent' is not a Tableau webhook event"
            Script = { Get-TableauWebhook -Event NoSuchEvent } }
        @{ Label = 'Get-TableauWebhookEvent -Name with an unknown event'; ErrorId = 'UnknownWebhookEvent'; Category = 'InvalidArgument'; Target = 'NoSuchEvent'; Message = "'NoSuchEvent' is not a Tableau webhook event"
            Script = { Get-TableauWebhookEvent -Name NoSuchEvent } }
        @{ Label = 'Get-TableauWebhook -Name with a name no webhook has'; ErrorId = 'WebhookNotFound'; Category = 'ObjectNotFound'; Target = 'no-such-webhook'; Message = "No webhook named 'no-such-webhook'"
            Script = { Get-TableauWebhook -Name 'no-such-webhook' } }
        @{ Label = 'Get-TableauSite -ContentUrl with a site that does not exist'; ErrorId = 'SiteNotFound'; Category = 'ObjectNotFound'; Target = 'no-such-site'; Message = "'no-such-site'"
            Script = { Get-TableauSite -ContentUrl 'no-such-site' } }
    )
}

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-Module (Get-BuiltModulePath) -Force
    # Each Describe starts from the simulator's seed with a new default session (Initialize-TestSimulator), so that what
    # one Describe's tests made cannot change what the next one sees.
    $script:Simulator = Start-TestSimulator
    $script:Receiver = $Simulator.ReceiverUrl
    $script:ExceptionType = 'TableauWebhooks.Errors.TableauWebhooksException'

    # The simulator's request log, one entry (method, path, statusCode) per REST request, oldest first.
    function script:Get-RequestLog {
        foreach ($entry in (Get-TestSimulatorRequest $Simulator)) { $entry }
    }

    function script:Get-RequestCount { @(Get-RequestLog).Count }

    # Requests that change webhooks (anything but GET on a webhooks path), made after the first $Skip requests.
    function script:Get-ChangeRequest {
        param([int] $Skip)
        @(Get-RequestLog | Select-Object -Skip $Skip | Where-Object { $_.method -ne 'GET' -and $_.path -match '/webhooks' })
    }

    # What a webhook looks like to a user, to compare before and after.
    function script:Get-WebhookState {
        @(Get-TableauWebhook | Sort-Object Name | ForEach-Object {
                '{0}|{1}|{2}|{3}|{4}|{5}' -f $_.Id, $_.Name, $_.Event, $_.DestinationUrl, $_.Enabled, $_.StatusChangeReason
            })
    }

    # A script in a new PowerShell process signed in to this file's simulator (see TestHelpers).
    function script:Invoke-SignedInChild {
        param([string] $Body)
        Invoke-SignedInChildPowerShell $Simulator $Body
    }
}

AfterAll {
    Disconnect-TableauServer -ErrorAction SilentlyContinue
    Stop-TestSimulator $Simulator
}

Describe '-WhatIf' {
    BeforeAll {
        $null = Initialize-TestSimulator $Simulator
        $script:WhatIfHooks = @{
            Set     = New-TableauWebhook -Name 'whatif-set' -Event ViewDeleted -DestinationUrl "${Receiver}whatif-set"
            Enable  = New-TableauWebhook -Name 'whatif-enable' -Event ViewDeleted -DestinationUrl "${Receiver}whatif-enable" -Disabled
            Disable = New-TableauWebhook -Name 'whatif-disable' -Event ViewDeleted -DestinationUrl "${Receiver}whatif-disable"
            Remove  = New-TableauWebhook -Name 'whatif-remove' -Event ViewDeleted -DestinationUrl "${Receiver}whatif-remove"
        }
        $script:StateBefore = Get-WebhookState
        $script:LogStart = Get-RequestCount

        # What if: goes to the host, not to a stream a script can redirect: a child process's output shows it.
        $script:Child = Invoke-SignedInChild @"
`$ErrorActionPreference = 'Stop'
'OUTPUT New-TableauWebhook ' + @(New-TableauWebhook -Name 'whatif-new' -Event ViewDeleted -DestinationUrl '${Receiver}whatif-new' -WhatIf).Count
'OUTPUT Set-TableauWebhook ' + @(Set-TableauWebhook -Id '$($WhatIfHooks.Set.Id)' -NewName 'whatif-renamed' -WhatIf).Count
'OUTPUT Enable-TableauWebhook ' + @(Enable-TableauWebhook -Id '$($WhatIfHooks.Enable.Id)' -PassThru -WhatIf).Count
'OUTPUT Disable-TableauWebhook ' + @(Disable-TableauWebhook -Id '$($WhatIfHooks.Disable.Id)' -Reason 'what if' -PassThru -WhatIf).Count
'OUTPUT Remove-TableauWebhook ' + @(Get-TableauWebhook -Id '$($WhatIfHooks.Remove.Id)' | Remove-TableauWebhook -WhatIf).Count
'WHATIF-DONE'
"@
        $script:StateAfter = Get-WebhookState
        $script:WebhooksAfter = @(Get-TableauWebhook)
        $script:ChildRequests = @(Get-RequestLog | Select-Object -Skip $LogStart)

        function script:Expand-Placeholder {
            param([string] $Text)
            foreach ($key in $WhatIfHooks.Keys) { $Text = $Text.Replace("{${key}Id}", [string] $WhatIfHooks[$key].Id) }
            $Text.Replace('{Receiver}', $Receiver)
        }
    }

    It 'the child process signed in to the simulator and ran every command' {
        $Child.StdOut | Should -Match 'WHATIF-DONE'
        $Child.ExitCode | Should -Be 0
        @($ChildRequests | Where-Object { $_.method -eq 'POST' -and $_.path -match '/auth/signin$' }).Count | Should -Be 1
        # The Remove-TableauWebhook line read the webhook it piped.
        @($ChildRequests | Where-Object { $_.method -eq 'GET' -and $_.path -match "/webhooks/$($WhatIfHooks.Remove.Id)$" }).Count | Should -Be 1
    }

    It '<Command> -WhatIf prints "What if:" with the operation and the webhook' -ForEach $WhatIfCases {
        $session = "admin@$($Simulator.BaseUrl)/ site 'Default'"
        $expected = 'What if: Performing the operation "{0}" on target "{1} on {2}' -f $Operation, (Expand-Placeholder $Target), $session
        # Joined back in case a console host wrapped the long line.
        ($Child.StdOut -replace '\r?\n', '') | Should -Match ([regex]::Escape($expected))
    }

    It '<Command> -WhatIf sends no change to Tableau' -ForEach $WhatIfCases {
        $path = Expand-Placeholder $Path
        $path | Should -Not -Match '[{}]'
        @($ChildRequests | Where-Object { $_.method -eq $Method -and $_.path -match $path }) | Should -BeNullOrEmpty
        $key = Expand-Placeholder $Webhook
        $now = @($WebhooksAfter | Where-Object { [string] $_.Id -eq $key -or $_.Name -eq $key } | ForEach-Object { '{0}|{1}' -f $_.Name, $_.Enabled })
        if ($Expected -eq '') { $now | Should -BeNullOrEmpty }
        else { $now | Should -Be @($Expected) }
    }

    It 'all the -WhatIf commands together changed nothing on the site' {
        @($ChildRequests | Where-Object { $_.method -ne 'GET' -and $_.path -match '/webhooks' }) | Should -BeNullOrEmpty
        $StateBefore.Count | Should -BeGreaterThan 1
        $StateAfter | Should -Be $StateBefore
    }

    It '<Command> -WhatIf returns nothing' -ForEach $WhatIfCases {
        $Child.StdOut | Should -Match "(?m)^OUTPUT $Command 0\s*$"
    }
}

Describe '-Confirm on Remove-TableauWebhook' {
    BeforeAll {
        $null = Initialize-TestSimulator $Simulator
        $script:Asked = New-TableauWebhook -Name 'confirm-asked' -Event ViewDeleted -DestinationUrl "${Receiver}confirm"
        $script:NotAsked = New-TableauWebhook -Name 'confirm-not-asked' -Event ViewDeleted -DestinationUrl "${Receiver}confirm"
        $script:Piped = @(
            New-TableauWebhook -Name 'confirm-piped-1' -Event ViewDeleted -DestinationUrl "${Receiver}confirm"
            New-TableauWebhook -Name 'confirm-piped-2' -Event ViewDeleted -DestinationUrl "${Receiver}confirm"
        )
        $script:LogStart = Get-RequestCount
        $script:Child = Invoke-SignedInChild @"
try { Remove-TableauWebhook -Id '$($Asked.Id)' -Confirm -ErrorAction Stop; 'ASKED: removed without asking' }
catch { 'ASKED: ' + `$_.Exception.Message }
`$ConfirmPreference = 'Low'
try { Remove-TableauWebhook -Id '$($NotAsked.Id)' -Confirm:`$false -ErrorAction Stop; 'NOT-ASKED: removed' }
catch { 'NOT-ASKED: ' + `$_.Exception.Message }
try { Get-TableauWebhook -Name 'confirm-piped-*' | Remove-TableauWebhook -Confirm:`$false -ErrorAction Stop; 'PIPED: removed' }
catch { 'PIPED: ' + `$_.Exception.Message }
"@
        $script:Deletes = @(Get-ChangeRequest -Skip $LogStart | Where-Object { $_.method -eq 'DELETE' })
    }

    It '-Confirm asks first: a process that cannot prompt refuses, and the webhook stays' {
        $Child.StdOut | Should -Match 'ASKED: .*NonInteractive'
        (Get-TableauWebhook -Id $Asked.Id).Name | Should -Be 'confirm-asked'
        @($Deletes | Where-Object { $_.path -match "$($Asked.Id)$" }) | Should -BeNullOrEmpty
    }

    It '-Confirm:$false removes without asking, even when $ConfirmPreference asks for every change' {
        $Child.StdOut | Should -Match '(?m)^NOT-ASKED: removed\s*$'
        @($Deletes | Where-Object { $_.path -match "$($NotAsked.Id)$" -and $_.statusCode -lt 300 }).Count | Should -Be 1
        @(Get-TableauWebhook | Where-Object { $_.Id -eq $NotAsked.Id }) | Should -BeNullOrEmpty
    }

    It '-Confirm:$false removes every piped webhook without asking' {
        $Child.StdOut | Should -Match '(?m)^PIPED: removed\s*$'
        foreach ($webhook in $Piped) {
            @($Deletes | Where-Object { $_.path -match "$($webhook.Id)$" -and $_.statusCode -lt 300 }).Count | Should -Be 1
        }
        @(Get-TableauWebhook -Name 'confirm-piped-*' -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
    }

    It 'Remove-TableauWebhook -Confirm:$false in this session removes the webhook and returns nothing' {
        $webhook = New-TableauWebhook -Name 'confirm-here' -Event ViewDeleted -DestinationUrl "${Receiver}confirm"
        try {
            $output = @(Remove-TableauWebhook -Id $webhook.Id -Confirm:$false)
            $output | Should -BeNullOrEmpty
            $caught = $null
            try { Get-TableauWebhook -Id $webhook.Id -ErrorAction Stop } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'WebhookNotFound,*'
        }
        finally {
            Remove-TestWebhook -Session $webhook.GetSession() -Id $webhook.Id
        }
    }
}

Describe 'Errors under $ErrorActionPreference = ''Stop''' {
    BeforeAll {
        $null = Initialize-TestSimulator $Simulator
        $script:MissingId = [guid]::NewGuid()
        $script:Existing = New-TableauWebhook -Name 'errors-existing' -Event ViewDeleted -DestinationUrl "${Receiver}errors"
    }

    Context 'a webhook id that does not exist' {
        It '<Command> -Id stops with WebhookNotFound and a TableauWebhooksException holding Tableau''s 404' -ForEach $MissingIdCases {
            $ErrorActionPreference = 'Stop'
            $caught = $null
            $after = 'not reached'
            try {
                & $Command -Id $MissingId @Arguments
                $after = 'reached'
            }
            catch { $caught = $_ }
            $after | Should -Be 'not reached'
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -Be ('WebhookNotFound,TableauWebhooks.Commands.{0}Command' -f ($Command -replace '-', ''))
            $caught.Exception | Should -BeOfType $ExceptionType
            $caught.Exception.ErrorId | Should -Be 'WebhookNotFound'
            $caught.Exception.HttpStatus | Should -Be 404
            $caught.Exception.Code | Should -Match '^404\d{3}$'
            $caught.Exception.Request | Should -Match ("/webhooks/$MissingId" + '(/test)?$')
            $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
            $caught.TargetObject | Should -Be $MissingId
            $caught.Exception.Message | Should -Match $MissingId
        }

        It 'catch [TableauWebhooks.Errors.TableauWebhooksException] catches it' {
            $caught = $null
            $other = $null
            try { Get-TableauWebhook -Id $MissingId -ErrorAction Stop }
            catch [TableauWebhooks.Errors.TableauWebhooksException] { $caught = $_ }
            catch { $other = $_ }
            $other | Should -BeNullOrEmpty
            $caught.Exception.ErrorId | Should -Be 'WebhookNotFound'
        }
    }

    Context 'input the module refuses before sending it' {
        It '<Label> stops with <ErrorId>' -ForEach $RefusedCases {
            $logStart = Get-RequestCount
            $ErrorActionPreference = 'Stop'
            $caught = $null
            try { & $Script } catch { $caught = $_ }
            $caught | Should -Not -BeNullOrEmpty
            $caught.FullyQualifiedErrorId | Should -BeLike "$ErrorId,TableauWebhooks.Commands.*"
            $caught.Exception | Should -BeOfType $ExceptionType
            $caught.Exception.ErrorId | Should -Be $ErrorId
            $caught.Exception.HttpStatus | Should -Be 0
            $caught.CategoryInfo.Category | Should -Be $Category
            $expectedTarget = $Target
            if ($Target -eq 'EXISTING') { $expectedTarget = [string] $Existing.Id }
            [string] $caught.TargetObject | Should -Be $expectedTarget
            $caught.Exception.Message | Should -Match ([regex]::Escape($Message))
            Get-ChangeRequest -Skip $logStart | Should -BeNullOrEmpty
        }

        It 'the webhook the refused changes named is unchanged' {
            $now = Get-TableauWebhook -Id $Existing.Id
            $now.Name | Should -Be 'errors-existing'
            $now.Event | Should -Be 'ViewDeleted'
            $now.DestinationUrl | Should -Be $Existing.DestinationUrl
            @(Get-TableauWebhook -Name 'refused-*' -ErrorAction SilentlyContinue) | Should -BeNullOrEmpty
        }
    }

    Context 'sessions and signing in' {
        It 'a wrong password stops Connect-TableauServer with SignInFailed, even with -ErrorAction SilentlyContinue, and keeps the default session' {
            $defaultBefore = Get-TableauSession | Where-Object { $_.IsDefault }
            $caught = $null
            try { Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential -Password 'wrong') -ErrorAction SilentlyContinue }
            catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -Be 'SignInFailed,TableauWebhooks.Commands.ConnectTableauServerCommand'
            $caught.Exception | Should -BeOfType $ExceptionType
            $caught.Exception.HttpStatus | Should -Be 401
            $caught.CategoryInfo.Category | Should -Be 'AuthenticationError'
            $caught.ErrorDetails.RecommendedAction | Should -Match 'password'
            (Get-TableauSession | Where-Object { $_.IsDefault }) | Should -Be $defaultBefore
            @(Get-TableauWebhook -Name 'errors-existing').Count | Should -Be 1
        }

        It 'a server without a scheme stops with InvalidServerUrl and the address to use' {
            $ErrorActionPreference = 'Stop'
            $caught = $null
            try { Connect-TableauServer -Server 'tableau.example.com' -Credential (New-TestCredential) } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'InvalidServerUrl,*'
            $caught.Exception | Should -BeOfType $ExceptionType
            $caught.Exception.Message | Should -Match ([regex]::Escape('https://tableau.example.com'))
        }

        It 'a user who is not an administrator gets PermissionDenied with what to do' {
            $viewer = Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential -UserName viewer -Password viewer) -NotDefault -PassThru
            try {
                $ErrorActionPreference = 'Stop'
                $caught = $null
                try { Get-TableauWebhook -Session $viewer } catch { $caught = $_ }
                $caught.FullyQualifiedErrorId | Should -BeLike 'PermissionDenied,*'
                $caught.Exception | Should -BeOfType $ExceptionType
                $caught.Exception.HttpStatus | Should -Be 403
                $caught.CategoryInfo.Category | Should -Be 'PermissionDenied'
                $caught.ErrorDetails.RecommendedAction | Should -Match 'administrator'
            }
            finally {
                Disconnect-TableauServer -Session $viewer -ErrorAction SilentlyContinue
            }
        }

        It 'a disconnected session stops with TableauSessionDisconnected' {
            $session = Connect-TableauServer -Server $Simulator.BaseUrl -Credential (New-TestCredential) -NotDefault -PassThru
            Disconnect-TableauServer -Session $session
            $ErrorActionPreference = 'Stop'
            $caught = $null
            try { Get-TableauWebhook -Session $session } catch { $caught = $_ }
            $caught.FullyQualifiedErrorId | Should -BeLike 'TableauSessionDisconnected,*'
            $caught.Exception | Should -BeOfType $ExceptionType
            $caught.Exception.Message | Should -Match 'Connect-TableauServer'
        }

        It 'a runspace that never connected stops with TableauSessionNotConnected' {
            $powershell = [powershell]::Create()
            try {
                $null = $powershell.AddScript({
                        param($ModulePath)
                        Import-Module $ModulePath
                        try { Get-TableauWebhook -ErrorAction Stop } catch { $_ }
                    }).AddArgument((Get-BuiltModulePath))
                $results = @($powershell.Invoke())
            }
            finally {
                $powershell.Dispose()
            }
            $results.Count | Should -Be 1
            $results[0].FullyQualifiedErrorId | Should -BeLike 'TableauSessionNotConnected,*'
            $results[0].Exception | Should -BeOfType $ExceptionType
            $results[0].Exception.Message | Should -Match 'Connect-TableauServer'
        }
    }
}

Describe 'Non-terminating errors: one bad item, and the pipeline goes on' {
    BeforeAll {
        $script:MissingId = [guid]::NewGuid()
    }

    BeforeEach {
        $null = Initialize-TestSimulator $Simulator
    }

    It 'Disable-TableauWebhook reports the missing id in -ErrorVariable and disables the next webhook' {
        $real = New-TableauWebhook -Name 'nonterm-disable' -Event ViewDeleted -DestinationUrl "${Receiver}nonterm"
        $errors = $null
        $output = @(@([pscustomobject]@{ Id = $MissingId }, [pscustomobject]@{ Id = $real.Id }) |
                Disable-TableauWebhook -PassThru -ErrorAction SilentlyContinue -ErrorVariable errors)
        @($output.Id) | Should -Be @($real.Id)
        $output[0].Enabled | Should -BeFalse
        (Get-TableauWebhook -Id $real.Id).Enabled | Should -BeFalse
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'WebhookNotFound,*'
        $errors[0].Exception | Should -BeOfType $ExceptionType
        $errors[0].TargetObject | Should -Be $MissingId
    }

    It 'New-TableauWebhook creates the good rows and reports each bad row, in input order' {
        $logStart = Get-RequestCount
        $rows = @(
            [pscustomobject]@{ Name = 'nonterm-row-1'; Event = 'ViewDeleted'; DestinationUrl = "${Receiver}row-1" }
            [pscustomobject]@{ Name = 'nonterm-row-2'; Event = 'ViewDeleted'; DestinationUrl = 'http://hooks.example.com/row-2' }
            [pscustomobject]@{ Name = 'nonterm-row-3'; Event = 'NoSuchEvent'; DestinationUrl = "${Receiver}row-3" }
            [pscustomobject]@{ Name = 'nonterm-row-4'; Event = 'webhook-source-event-view-deleted'; DestinationUrl = "${Receiver}row-4" }
        )
        $errors = $null
        $created = @($rows | New-TableauWebhook -ErrorAction SilentlyContinue -ErrorVariable errors)
        @($created.Name) | Should -Be @('nonterm-row-1', 'nonterm-row-4')
        @($errors | ForEach-Object { $_.FullyQualifiedErrorId.Split(',')[0] }) | Should -Be @('InsecureDestinationUrl', 'UnknownWebhookEvent')
        @($errors | ForEach-Object { $_.TargetObject }) | Should -Be @('nonterm-row-2', 'nonterm-row-3')
        # The refused rows were never sent.
        @(Get-ChangeRequest -Skip $logStart | Where-Object { $_.method -eq 'POST' }).Count | Should -Be 2
        @(Get-TableauWebhook -Name 'nonterm-row-*' | ForEach-Object { $_.Name } | Sort-Object) | Should -Be @('nonterm-row-1', 'nonterm-row-4')
    }

    It 'Remove-TableauWebhook reports the missing id and removes the next webhook' {
        $real = New-TableauWebhook -Name 'nonterm-remove' -Event ViewDeleted -DestinationUrl "${Receiver}nonterm"
        $errors = $null
        @([pscustomobject]@{ Id = $MissingId }, [pscustomobject]@{ Id = $real.Id }) |
            Remove-TableauWebhook -Confirm:$false -ErrorAction SilentlyContinue -ErrorVariable errors
        @(Get-TableauWebhook | Where-Object { $_.Id -eq $real.Id }) | Should -BeNullOrEmpty
        @($errors).Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -BeLike 'WebhookNotFound,*'
        $errors[0].TargetObject | Should -Be $MissingId
    }

    It 'Get-TableauWebhook returns the webhooks that exist among -Id and -Name values and reports the others' {
        $real = New-TableauWebhook -Name 'nonterm-get' -Event ViewDeleted -DestinationUrl "${Receiver}nonterm"
        $errors = $null
        $byId = @(Get-TableauWebhook -Id $MissingId, $real.Id -ErrorAction SilentlyContinue -ErrorVariable errors)
        @($byId.Id) | Should -Be @($real.Id)
        @($errors).Count | Should -Be 1
        $errors[0].TargetObject | Should -Be $MissingId

        $nameErrors = $null
        $byName = @(Get-TableauWebhook -Name 'nonterm-get', 'nonterm-absent' -ErrorAction SilentlyContinue -ErrorVariable nameErrors)
        @($byName.Id) | Should -Be @($real.Id)
        @($nameErrors).Count | Should -Be 1
        $nameErrors[0].FullyQualifiedErrorId | Should -BeLike 'WebhookNotFound,*'
        $nameErrors[0].TargetObject | Should -Be 'nonterm-absent'
    }

    It 'with the default -ErrorAction the error goes to the error stream, where 2>&1 sees it, and tells what is missing' {
        $ErrorActionPreference = 'Continue'
        $records = @(Get-TableauWebhook -Id $MissingId 2>&1)
        $records.Count | Should -Be 1
        $records[0] | Should -BeOfType ([System.Management.Automation.ErrorRecord])
        $records[0].FullyQualifiedErrorId | Should -BeLike 'WebhookNotFound,*'
        ($records[0] | Out-String) | Should -Match ([regex]::Escape([string] $MissingId))
    }

    It 'with -ErrorAction Stop the pipeline stops at the bad item and the next is not changed' {
        $real = New-TableauWebhook -Name 'nonterm-stop' -Event ViewDeleted -DestinationUrl "${Receiver}nonterm"
        $logStart = Get-RequestCount
        $caught = $null
        try {
            @([pscustomobject]@{ Id = $MissingId }, [pscustomobject]@{ Id = $real.Id }) | Disable-TableauWebhook -ErrorAction Stop
        }
        catch { $caught = $_ }
        $caught.FullyQualifiedErrorId | Should -BeLike 'WebhookNotFound,*'
        (Get-TableauWebhook -Id $real.Id).Enabled | Should -BeTrue
        @(Get-ChangeRequest -Skip $logStart | Where-Object { $_.path -match "$($real.Id)$" }) | Should -BeNullOrEmpty
    }
}
