using System;
using System.Management.Automation;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A cmdlet that acts on existing webhooks, named by -Id (which binds by property name, so CSV rows and any
    /// object with an Id work) or piped in whole from Get-TableauWebhook (which also carries its session and name).
    /// Derived cmdlets make InputObject the default set: with Id the default, PowerShell binds a piped webhook's Id
    /// by property name and the object's name and session are lost.
    /// </summary>
    public abstract class TableauWebhookTargetCmdlet : TableauConnectedCmdlet
    {
        protected const string ByIdSet = "Id";
        protected const string ByInputObjectSet = "InputObject";

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [WebhookIdTransformation]
        public Guid Id { get; set; }

        [Parameter(ParameterSetName = ByInputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public TableauWebhook? InputObject { get; set; }

        /// <summary>The webhook this record is about: its id, a readable label for messages, and the session to use.</summary>
        protected (Guid Id, string Label, TableauSession Session, object Target) ResolveTarget()
        {
            if (InputObject != null)
            {
                return (InputObject.Id, $"'{InputObject.Name}' ({InputObject.Id})", ResolveSession(InputObject.Session), InputObject);
            }
            return (Id, Id.ToString(), ResolveSession(), Id);
        }
    }
}
