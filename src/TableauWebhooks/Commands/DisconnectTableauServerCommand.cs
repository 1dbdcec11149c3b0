using System.Management.Automation;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Errors;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>Signs out of Tableau and forgets the session: the default one, or those given or piped in.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "TableauServer")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTableauServerCommand : TableauCmdlet
    {
        // Its own -Session rather than the connected cmdlets' one: sessions also arrive whole from the pipeline
        // (Get-TableauSession | Disconnect-TableauServer), and a disconnected session is no error here.
        [Parameter(ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNull]
        public TableauSession? Session { get; set; }

        protected override void ProcessRecord()
        {
            var registry = SessionRegistry.ForCurrentRunspace();
            var session = Session ?? registry.Current;
            if (session == null)
            {
                ThrowTerminatingError(ErrorRecordFactory.Create(ErrorIds.TableauSessionNotConnected, ErrorCategory.ConnectionError, null,
                    "You are not connected to a Tableau server, so there is nothing to disconnect."));
                return;
            }
            try
            {
                Await(ct => session.Sites.CloseAsync(ct));
                Await(ct => session.Client.SignOutAsync(ct));
            }
            catch (TableauException ex)
            {
                // The session is forgotten either way; say why sign-out did not complete on the server.
                WriteWarning($"Sign-out from {session.Server} did not complete: {ex.Message}");
            }
            finally
            {
                registry.Remove(session);
                session.Client.Dispose();
            }
            WriteVerbose($"Disconnected: {session}.");
        }
    }
}
