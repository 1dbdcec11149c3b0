using System.Management.Automation;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>Signs out of Tableau and forgets the session.</summary>
    [Cmdlet(VerbsCommunications.Disconnect, "TableauServer")]
    [OutputType(typeof(void))]
    public sealed class DisconnectTableauServerCommand : TableauConnectedCmdlet
    {
        protected override void ProcessRecord()
        {
            var session = ResolveSession();
            try
            {
                Call(session, (client, ct) => client.SignOutAsync(ct));
            }
            catch (TableauException ex)
            {
                // The session is forgotten either way; say why sign-out did not complete on the server.
                WriteWarning($"Sign-out from {session.Server} did not complete: {ex.Message}");
            }
            finally
            {
                SessionRegistry.ForCurrentRunspace().Remove(session);
                session.Client.Dispose();
            }
            WriteVerbose($"Disconnected: {session}.");
        }
    }
}
