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
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags       = @('Tableau', 'TableauServer', 'TableauCloud', 'Webhooks', 'REST', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
        }
    }
}
