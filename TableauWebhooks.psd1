# Source manifest. The build stamps the version (Directory.Build.props VersionPrefix) into
# out/TableauWebhooks/TableauWebhooks.psd1; import that folder, not this file.
@{
    RootModule           = 'TableauWebhooks.dll'
    ModuleVersion        = '{{ModuleVersion}}'
    GUID                 = '5f0c6c2e-8a53-4a8e-9d8e-3c0e7f4b9a21'
    Author               = 'TableauWebhooks contributors'
    CompanyName          = 'TableauWebhooks'
    Copyright            = '(c) TableauWebhooks contributors. MIT License.'
    Description          = 'Manage Tableau Server and Tableau Cloud webhooks: typed objects, pipelines, -WhatIf and clear errors.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    # Loaded at import so that the very first object a user sees is shown with its view, in every host.
    FormatsToProcess     = @('TableauWebhooks.format.ps1xml')
    CmdletsToExport      = @(
        'Connect-TableauServer'
        'Disconnect-TableauServer'
        'Get-TableauSession'
        'Get-TableauSite'
        'Switch-TableauSite'
        'Get-TableauWebhookEvent'
        'Get-TableauWebhook'
        'New-TableauWebhook'
        'Set-TableauWebhook'
        'Enable-TableauWebhook'
        'Disable-TableauWebhook'
        'Test-TableauWebhook'
        'Remove-TableauWebhook'
        'Export-TableauWebhook'
        'Sync-TableauWebhook'
        'Test-TableauWebhookDocument'
        'ConvertFrom-TableauWebhookPayload'
        'Receive-TableauWebhookEvent'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        # PowerShell Gallery metadata. src/TableauWebhooks.Package reads it from the built manifest to write the package's
        # nuspec (tags, URIs, release notes), so it is written once, here.
        PSData = @{
            Tags         = @('Tableau', 'TableauServer', 'TableauCloud', 'Webhooks', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            ProjectUri   = 'https://github.com/TableauWebhooks/TableauWebhooks'
            LicenseUri   = 'https://github.com/TableauWebhooks/TableauWebhooks/blob/main/LICENSE'
            # The notes of the version being released; CHANGELOG.md keeps those of earlier versions.
            ReleaseNotes = '0.1.0: first release.
Cmdlets: Connect-TableauServer, Disconnect-TableauServer, Get-TableauSession, Get-TableauSite, Switch-TableauSite, Get-TableauWebhookEvent, Get-TableauWebhook, New-TableauWebhook, Set-TableauWebhook, Enable-TableauWebhook, Disable-TableauWebhook, Test-TableauWebhook, Remove-TableauWebhook, Export-TableauWebhook, Sync-TableauWebhook, Test-TableauWebhookDocument, ConvertFrom-TableauWebhookPayload, Receive-TableauWebhookEvent.
- Create, list, change, enable, disable, test and remove webhooks on Tableau Server 2019.4+ and Tableau Cloud, as typed objects through real pipelines, with -WhatIf/-Confirm on every change and -ThrottleLimit for bulk input.
- Sign in with a password, a personal access token or a connected-app JWT, several sessions at once, walk sites with Get-TableauSite and Switch-TableauSite.
- Both event name forms, sent as the server API version expects; newer events refused with the version they need.
- Unattended runs: re-sign-in on expired sessions, Retry-After and backoff on throttling and outages, no duplicate creates, Ctrl+C cancels at once, proxies and per-session certificate checks.
- Export-TableauWebhook writes the webhooks of a site, or those piped in, as a declarative JSON document (format 2, which lists the sites it speaks for) for source control: no ids, owners or secrets, sorted so it diffs cleanly, described by TableauWebhooks.webhooks.schema.json in the module folder, from one site, several or all. All or nothing: a site that cannot be read leaves the file as it was.
- Sync-TableauWebhook makes a server match such a document (create, update, -Prune on exactly the sites it lists, empty ones too), with -WhatIf plans, exact -SiteMap and -DestinationUrlMap for promoting between servers. It checks the whole document first and sends nothing when any entry breaks a rule. Test-TableauWebhookDocument runs that check offline, for pull requests. Get-TableauWebhook -AllSites lists the webhooks of every site.
- Receive-TableauWebhookEvent listens for the deliveries Tableau posts (https with a certificate, or http on loopback behind a reverse proxy; a secret path, size limits, duplicates dropped) and writes each event to the pipeline; ConvertFrom-TableauWebhookPayload reads a payload in a runbook or function.
- Webhooks by name: Set-, Enable-, Disable-, Test- and Remove-TableauWebhook select webhooks with -Name (wildcards) or -LiteralName, as Get-TableauWebhook does, with tab completion. One name, one webhook: New-TableauWebhook and Set-TableauWebhook -NewName refuse a name the site already has (WebhookNameExists; -AllowDuplicateName allows it), so running an import twice creates nothing twice.
- One server at a time: a webhook piped with the -Session of another server is refused before anything is sent (WebhookFromOtherServer).
- Receive-TableauWebhookEvent can be left running: -SpoolPath keeps every delivery on disk before it is answered 200 (nothing acknowledged is lost to Ctrl+C, a kill or a reboot; kept deliveries come back marked Redelivered), every stop without a spool warns how many accepted deliveries were not written, slow or malformed senders cannot starve deliveries (strict HTTP/1.1, -MaximumConnections, a 3 s head deadline), events carry SiteName/SiteContentUrl with a session, and docs/examples holds a systemd unit and a scheduled task.
- Passwords, tokens and JWTs go only over https or to this machine; -AllowUnencryptedAuthentication (as for Invoke-RestMethod) allows plain http elsewhere, with a warning. A login page or SSO redirect answering a sign-in ends it after one post (SignInIntercepted).
- Destination URLs follow one rule everywhere (https, a host, no user information, no raw spaces); tables show the Site; dates are ISO 8601 in CSV and JSON in every culture; lines from Get-Content are read as one payload.
- Breaking changes from pre-release builds: Set-TableauWebhook -Name selects the webhooks to change; the new name is -NewName. Set-TableauWebhook writes the webhook only with -PassThru (as Enable- and Disable- do) and sends nothing when every value is already set. Connect-TableauServer refuses plain http to another machine unless -AllowUnencryptedAuthentication.
- Errors with stable ErrorIds and Tableau codes, tab completion, progress, -Verbose and Get-Help (about_TableauWebhooks) for every cmdlet.
- One module for Windows PowerShell 5.1 and PowerShell 7.4+.'
        }
    }
}
