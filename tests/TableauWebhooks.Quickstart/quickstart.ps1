# The quickstart runs each paragraph below as one step, echoing it first.
# $Server and $Receiver are set by the quickstart: the simulator's address and its built-in https webhook receiver.

# Sign in. Against a real server use your own URL, -Site and a credential or personal access token.
$credential = [pscredential]::new('admin', [System.Net.NetworkCredential]::new('', 'admin').SecurePassword)
Connect-TableauServer -Server $Server -Credential $credential -PassThru

# Create webhooks in bulk: these rows have the shape Import-Csv gives. Either event form works.
$rows = @(
    [pscustomobject]@{ Name = 'extract-failed';     Event = 'DatasourceRefreshFailed';               DestinationUrl = "${Receiver}alerts" }
    [pscustomobject]@{ Name = 'workbook-published'; Event = 'webhook-source-event-workbook-created'; DestinationUrl = "${Receiver}catalog" }
    [pscustomobject]@{ Name = 'audit-deletes';      Event = 'WorkbookDeleted';                       DestinationUrl = "${Receiver}status/500/audit" }
)
$rows | New-TableauWebhook

# Ask Tableau to post a test payload to each destination. A failing destination is reported as an error.
Get-TableauWebhook | Test-TableauWebhook

# Disable the one whose destination fails, keeping a reason on the webhook.
Get-TableauWebhook -Name 'audit-*' | Disable-TableauWebhook -Reason 'Destination answers 500' -PassThru

# Bad input gets a specific error and nothing is sent.
New-TableauWebhook -Name 'insecure' -Event WorkbookCreated -DestinationUrl 'http://example.com/hook'

# See what a removal would do, then do it.
Get-TableauWebhook | Remove-TableauWebhook -WhatIf
Get-TableauWebhook | Remove-TableauWebhook
Get-TableauWebhook

Disconnect-TableauServer
