using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Completion;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Commands
{
    /// <summary>Lists the server's sites (server administrators only), e.g. to loop a runbook over every site.</summary>
    [Cmdlet(VerbsCommon.Get, "TableauSite")]
    [OutputType(typeof(TableauSite))]
    public sealed class GetTableauSiteCommand : TableauConnectedCmdlet
    {
        /// <summary>Sites to show by contentUrl, wildcards allowed.</summary>
        [Parameter(Position = 0)]
        [SupportsWildcards]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(SiteCompleter))]
        public string[]? ContentUrl { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            if (!TryCall(session, (c, ct) => c.ListSitesAsync(ct), session, null, out var found)) return;
            var sites = found.Select(s => new TableauSite(s)).ToArray();
            session.CompletionCache.RememberSites(sites.Select(s => s.ContentUrl));
            if (ContentUrl == null)
            {
                WriteObject(sites, enumerateCollection: true);
                return;
            }
            foreach (var wanted in ContentUrl)
            {
                var pattern = WildcardPattern.Get(wanted, WildcardOptions.IgnoreCase);
                var matches = sites.Where(s => wanted.Length == 0 ? s.ContentUrl.Length == 0 : pattern.IsMatch(s.ContentUrl)).ToArray();
                if (matches.Length == 0 && !WildcardPattern.ContainsWildcardCharacters(wanted))
                    WriteError(ErrorRecordFactory.Create(ErrorIds.SiteNotFound, ErrorCategory.ObjectNotFound, wanted, $"No site with contentUrl '{wanted}' on {session.Server}."));
                WriteObject(matches, enumerateCollection: true);
            }
        }
    }
}
