using System.Management.Automation;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Errors;
using TableauWebhooks.Completion;
using TableauWebhooks.Output;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Commands
{
    /// <summary>Changes a webhook's name, event or destination. Only the parameters given are sent (API 3.8+).</summary>
    [Cmdlet(VerbsCommon.Set, "TableauWebhook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = ByInputObjectSet)]
    [OutputType(typeof(TableauWebhook))]
    public sealed class SetTableauWebhookCommand : TableauBulkTargetCmdlet
    {
        [Parameter]
        [AllowEmptyString]
        public string? Name { get; set; }

        [Parameter]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(EventNameCompleter))]
        public string? Event { get; set; }

        [Parameter]
        [AllowEmptyString]
        public string? DestinationUrl { get; set; }

        protected override void ProcessRecord()
        {
            var resolved = ResolveTarget();
            var (id, label, session, target) = resolved;
            var request = new WebhookUpdateRequest
            {
                Name = IsBound(nameof(Name)) ? Name ?? "" : null,
                Event = IsBound(nameof(Event)) ? Event ?? "" : null,
                DestinationUrl = IsBound(nameof(DestinationUrl)) ? DestinationUrl ?? "" : null,
            };
            if (request.IsEmpty)
            {
                WriteErrorInOrder(ErrorRecordFactory.Create(ErrorIds.NothingToUpdate, ErrorCategory.InvalidArgument, target,
                    $"Nothing to change on webhook {label}: give -Name, -Event or -DestinationUrl."));
                return;
            }
            if (!ShouldProcess(resolved.Where, $"Update webhook ({Describe(request)})")) return;
            DispatchUpdate(resolved, request, "Updating", ": " + Describe(request), "the change may have been made", writeResult: true);
        }

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
