using System.Management.Automation;
using TableauWebhooks.Completion;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Moves a session to another site of the same server (Tableau Server's switchSite; Tableau Cloud has no such call:
    /// connect to each site instead).
    /// </summary>
    [Cmdlet(VerbsCommon.Switch, "TableauSite")]
    [OutputType(typeof(TableauSession))]
    public sealed class SwitchTableauSiteCommand : TableauConnectedCmdlet
    {
        /// <summary>The contentUrl of the site to move to; "" is the Default site.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("ContentUrl")]
        [AllowEmptyString]
        [ArgumentCompleter(typeof(SiteCompleter))]
        public string Site { get; set; } = "";

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            WriteVerbose($"Switching {session} to site '{Site}'.");
            if (!TryCall(session, (c, ct) => c.SwitchSiteAsync(Site, ct), Site, null)) return;
            session.CompletionCache.Clear();
            if (PassThru) WriteObject(session);
        }
    }
}
