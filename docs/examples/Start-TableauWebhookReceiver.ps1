<#
.SYNOPSIS
    Runs Receive-TableauWebhookEvent as a service: started at boot by the scheduled task of
    Register-TableauWebhookReceiverTask.ps1 (Windows) or by tableau-webhook-receiver.service (systemd), restarted when it
    stops.
.DESCRIPTION
    Listens on loopback behind a reverse proxy that terminates TLS (see the NOTES of Get-Help Receive-TableauWebhookEvent),
    with -SpoolPath, so that nothing answered 200 is lost when the service is stopped, killed or the machine reboots: the
    next start writes it first, with Redelivered set.

    The secret path is read from a file only the service account can read, never given on a command line (a task's or a
    unit's command line is readable by other users). With -Server, the receiver signs in with a personal access token
    whose secret is read the same way, and each event then carries SiteName and SiteContentUrl.

    Each event goes to -HandlerPath (a script run with the event as -InputObject) or, without one, is appended to
    -EventLogPath as one JSON line. A handler that fails is reported (the event's body with it, so it can be replayed
    with ConvertFrom-TableauWebhookPayload) and the receiver goes on with the next event.
.EXAMPLE
    pwsh -NoProfile -NonInteractive -File Start-TableauWebhookReceiver.ps1 -Port 8080 -SpoolPath /var/lib/tableau-webhooks/spool -SecretPathFile /etc/tableau-webhooks/secret-path -EventLogPath /var/lib/tableau-webhooks/events.jsonl
#>
[CmdletBinding()]
param(
    [Parameter(Mandatory)] [string] $SpoolPath,
    [Parameter(Mandatory)] [string] $SecretPathFile,
    [ValidateRange(1, 65535)] [int] $Port = 8080,
    [string] $HandlerPath,
    [string] $EventLogPath,
    [string] $Server,
    [string] $Site = '',
    [string] $TokenName,
    [string] $TokenSecretFile
)

$ErrorActionPreference = 'Stop'
if (-not $HandlerPath -and -not $EventLogPath) { throw 'Give -HandlerPath (a script run for each event) or -EventLogPath (a file each event is appended to).' }
Import-Module TableauWebhooks

if ($Server) {
    $tokenSecret = ConvertTo-SecureString -String (Get-Content -LiteralPath $TokenSecretFile -Raw).Trim() -AsPlainText -Force
    $null = Connect-TableauServer -Server $Server -Site $Site -PersonalAccessTokenName $TokenName -PersonalAccessTokenSecret $tokenSecret
}
$secretPath = (Get-Content -LiteralPath $SecretPathFile -Raw).Trim()

Receive-TableauWebhookEvent -Port $Port -SecretPath $secretPath -SpoolPath $SpoolPath |
    ForEach-Object {
        $delivery = $_
        try {
            if ($HandlerPath) { & $HandlerPath -InputObject $delivery }
            else {
                $delivery | Select-Object ReceivedAt, Event, ResourceType, ResourceName, ResourceId, SiteId, SiteName, SiteContentUrl, CreatedAt, Redelivered |
                    ConvertTo-Json -Compress | Add-Content -LiteralPath $EventLogPath -Encoding utf8
            }
        }
        catch {
            Write-Warning "Handling $($delivery.Event) '$($delivery.ResourceName)' failed: $_ The event as received: $($delivery.Raw)"
        }
    }
