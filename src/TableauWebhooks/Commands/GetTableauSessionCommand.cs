using System.Management.Automation;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>Lists this runspace's Tableau sessions; IsDefault marks the one cmdlets use without -Session.</summary>
    [Cmdlet(VerbsCommon.Get, "TableauSession")]
    [OutputType(typeof(TableauSession))]
    public sealed class GetTableauSessionCommand : TableauCmdlet
    {
        protected override void ProcessRecord()
            => WriteObject(SessionRegistry.ForCurrentRunspace().All, enumerateCollection: true);
    }
}
