using System;
using System.Management.Automation;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Errors;
using TableauWebhooks.Completion;
using TableauWebhooks.Output;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Changes a webhook's name, event or destination. Only the parameters given are sent (API 3.8+), and nothing when the
    /// webhook already has them all; nothing is written unless -PassThru. -Name selects
    /// webhooks, as on every cmdlet of the module; -NewName renames, and is refused when another webhook of the site has
    /// that name (WebhookNameGuard) unless -AllowDuplicateName.
    /// </summary>
    [Cmdlet(VerbsCommon.Set, "TableauWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
    [OutputType(typeof(TableauWebhook))]
    public sealed class SetTableauWebhookCommand : TableauBulkTargetCmdlet
    {
        [Parameter]
        [AllowEmptyString]
        public string? NewName { get; set; }

        [Parameter]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(EventNameCompleter))]
        public string? Event { get; set; }

        [Parameter]
        [AllowEmptyString]
        public string? DestinationUrl { get; set; }

        /// <summary>Write the webhook as it is after the change; without it nothing is written, as Set-* cmdlets do.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        /// <summary>Rename even when another webhook of the site already has the new name.</summary>
        [Parameter]
        public SwitchParameter AllowDuplicateName { get; set; }

        private WebhookNameGuard? _names;

        private protected override void ProcessTarget(WebhookTarget resolved)
        {
            var (_, label, session, target) = resolved;
            var request = new WebhookUpdateRequest
            {
                Name = IsBound(nameof(NewName)) ? NewName ?? "" : null,
                Event = IsBound(nameof(Event)) ? Event ?? "" : null,
                DestinationUrl = IsBound(nameof(DestinationUrl)) ? DestinationUrl ?? "" : null,
            };
            if (request.IsEmpty)
            {
                WriteErrorInOrder(ErrorRecordFactory.Create(ErrorIds.NothingToUpdate, ErrorCategory.InvalidArgument, target,
                    $"Nothing to change on webhook {label}: give -NewName, -Event or -DestinationUrl."));
                return;
            }
            // Input the client refuses is refused here, before -WhatIf or a verbose line could show it (a destination with
            // user information must appear nowhere).
            try
            {
                TableauRestClient.ValidateWebhookUpdate(request, session.ApiVersion);
            }
            catch (TableauException ex)
            {
                WriteErrorInOrder(ErrorRecordFactory.FromTableau(ex, target, resolved.Item));
                return;
            }
            var checkName = request.Name != null && !AllowDuplicateName;
            if (checkName && !NameIsFree(resolved, request.Name!)) return;
            if (!ShouldProcess(resolved.Where, $"Update webhook ({Describe(request)})", out var reason))
            {
                if (checkName && reason == ShouldProcessReason.WhatIf) Claim(resolved, request.Name!, "would be");
                return;
            }
            var claim = checkName ? Claim(resolved, request.Name!, "is") : null;
            Action onUpdated = () => { if (claim != null) _names!.Confirm(session, resolved.Site, claim, resolved.Id); };
            Action<TableauException> onFailed = failure => { if (claim != null) _names!.Failed(session, resolved.Site, claim, failure); };

            // Selected by name, the webhook was listed by this command: that is its current state. A piped webhook may be
            // older than the server's, and an id comes with no state: they are read first when the change may be none.
            var known = resolved.Known;
            var listedNow = known != null && (ParameterSetName == ByNameSet || ParameterSetName == ByLiteralNameSet);
            if (listedNow && AlreadyHas(known!.Name, known.Event, known.DestinationUrl, request))
            {
                Bulk.Enqueue(() =>
                {
                    WriteVerbose(Unchanged(resolved.Label, request));
                    onUpdated();
                    if (PassThru) WriteObject(known);
                });
                return;
            }
            var readFirst = !listedNow && (known == null || AlreadyHas(known.Name, known.Event, known.DestinationUrl, request));
            var id = resolved.Id.ToString();
            ReportProgress("Updating webhooks", resolved.Label);
            WriteVerbose($"Updating webhook {resolved.Label}: {Describe(request)}.");
            Bulk.Dispatch(session, resolved.Site, async (c, ct) =>
                {
                    if (readFirst)
                    {
                        var current = await c.GetWebhookAsync(id, ct).ConfigureAwait(false);
                        if (AlreadyHas(current.Name, WebhookEventCatalog.Find(current.Event)?.Name ?? current.Event, current.DestinationUrl, request))
                            return (Webhook: current, Sent: false);
                    }
                    return (Webhook: await c.UpdateWebhookAsync(id, request, ct).ConfigureAwait(false), Sent: true);
                },
                resolved.Input, resolved.Item,
                result =>
                {
                    if (!result.Sent) WriteVerbose(Unchanged(ErrorRecordFactory.WebhookLabel(result.Webhook.Name, resolved.Id)!, request));
                    onUpdated();
                    if (PassThru) WriteObject(resolved.Webhook(result.Webhook));
                },
                $"Updating webhook {resolved.Label} was interrupted before Tableau answered: the change may have been made. Check with Get-TableauWebhook -Id {resolved.Id}.",
                onFailed);
        }

        /// <summary>Whether a webhook with these values already has every value the request gives (names and URLs exactly; events by their one name).</summary>
        private static bool AlreadyHas(string name, string eventName, string destinationUrl, WebhookUpdateRequest request)
            => (request.Name == null || string.Equals(request.Name, name, StringComparison.Ordinal))
                && (request.Event == null || string.Equals(WebhookEventCatalog.Find(request.Event)?.Name, eventName, StringComparison.Ordinal))
                && (request.DestinationUrl == null || string.Equals(request.DestinationUrl.Trim(), destinationUrl, StringComparison.Ordinal));

        private static string Unchanged(string label, WebhookUpdateRequest request)
            => $"Webhook {label} already has {Describe(request)}: nothing to change, so nothing was sent.";

        // -Name listed the site to select from: the name check reads that list rather than listing the site again.
        private protected override void OnSiteListed(TableauSession session, System.Collections.Generic.IReadOnlyList<WebhookInfo> listed)
        {
            if (NewName == null || AllowDuplicateName) return;
            (_names ??= new WebhookNameGuard(this)).Remember(session, null, listed);
        }

        /// <summary>True when no other webhook of the target's site has (or is given by this command) the new name; else the refusal is written.</summary>
        private bool NameIsFree(WebhookTarget resolved, string newName)
        {
            _names ??= new WebhookNameGuard(this);
            if (!_names.TryFindHolder(resolved.Session, resolved.Site, newName, resolved.Id, resolved.Input, resolved.Item, out var holder)) return false;
            if (holder == null) return true;
            var site = SiteNames.Describe(resolved.Site ?? resolved.Session.Site);
            WriteErrorInOrder(ErrorRecordFactory.Create(ErrorIds.WebhookNameExists, ErrorCategory.ResourceExists, resolved.Input,
                $"{resolved.Item}: not renamed to '{newName}', because {holder.Describe(site)}.{WebhookNameGuard.SameNameNote(newName, holder.Name)}",
                "Choose a name no other webhook of the site has, or add -AllowDuplicateName to give it this name anyway."));
            return false;
        }

        private NameHolder Claim(WebhookTarget resolved, string newName, string verb)
            => _names!.Claim(resolved.Session, resolved.Site, newName, resolved.Id,
                $"webhook {resolved.Label}, earlier in this command, {verb} renamed to '{newName}' on {SiteNames.Describe(resolved.Site ?? resolved.Session.Site)}");

        private bool IsBound(string parameter) => MyInvocation.BoundParameters.ContainsKey(parameter);

        private static string Describe(WebhookUpdateRequest request)
        {
            var parts = new System.Collections.Generic.List<string>();
            if (request.Name != null) parts.Add($"Name = '{request.Name}'");
            if (request.Event != null) parts.Add($"Event = '{request.Event}'");
            if (request.DestinationUrl != null) parts.Add($"DestinationUrl = '{request.DestinationUrl}'");
            return string.Join(", ", parts);
        }
    }
}
