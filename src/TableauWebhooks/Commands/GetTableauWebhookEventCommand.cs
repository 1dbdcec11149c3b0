using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Completion;
using TableauWebhooks.Output;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Commands
{
    /// <summary>The catalog of Tableau's webhook events: both names, the payload resource, and when each appeared.</summary>
    [Cmdlet(VerbsCommon.Get, "TableauWebhookEvent")]
    [OutputType(typeof(TableauWebhookEvent))]
    public sealed class GetTableauWebhookEventCommand : TableauCmdlet
    {
        /// <summary>Event names to show, either form, wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(EventNameCompleter))]
        public string[]? Name { get; set; }

        protected override void ProcessRecord()
        {
            if (Name == null)
            {
                WriteObject(WebhookEventCatalog.All.Select(e => new TableauWebhookEvent(e)), enumerateCollection: true);
                return;
            }
            foreach (var name in Name)
            {
                var pattern = WildcardPattern.Get(name, WildcardOptions.IgnoreCase);
                var matches = WebhookEventCatalog.All.Where(e => pattern.IsMatch(e.Name) || pattern.IsMatch(e.LegacyName)).ToList();
                if (matches.Count == 0 && WebhookEventCatalog.TryFind(name, out var alias)) matches.Add(alias);
                if (matches.Count == 0 && !WildcardPattern.ContainsWildcardCharacters(name))
                {
                    WriteError(Errors.ErrorRecordFactory.Create(ErrorIds.UnknownWebhookEvent, ErrorCategory.InvalidArgument, name,
                        $"'{name}' is not a Tableau webhook event.", "Run Get-TableauWebhookEvent without -Name to list them all."));
                }
                WriteObject(matches.Select(e => new TableauWebhookEvent(e)), enumerateCollection: true);
            }
        }
    }
}
