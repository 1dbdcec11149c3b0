using System.Management.Automation;
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
    /// Changes a webhook's name, event or destination. Only the parameters given are sent (API 3.8+). -Name selects
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
            DispatchUpdate(resolved, request, "Updating", ": " + Describe(request), "the change may have been made", writeResult: true,
                updated => { if (claim != null) _names!.Confirm(session, resolved.Site, claim, resolved.Id); },
                failure => { if (claim != null) _names!.Failed(session, resolved.Site, claim, failure); });
        }

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
