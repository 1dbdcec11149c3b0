using System;
using System.Management.Automation;
using TableauWebhooks.Completion;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A cmdlet that acts on existing webhooks, named by -Id or piped in whole from Get-TableauWebhook (which also
    /// carries its session and name). -Id binds by value (ids piped as [guid]s or as text, e.g. Get-Content ids.txt) and
    /// by property name (CSV rows and any object with an Id). Derived cmdlets make InputObject the default set, and
    /// PowerShell tries by-value binding without conversion first: a piped webhook binds to InputObject as it is, while
    /// -Id's transformation turns only text into a Guid and hands a webhook back unchanged, which a Guid cannot take.
    /// With Id the default, PowerShell would bind a piped webhook's Id by property name and lose its name and session.
    /// The bulk piece is separate (TableauBulkTargetCmdlet), so a cmdlet that reads its targets one by one carries no
    /// -ThrottleLimit.
    /// </summary>
    public abstract class TableauWebhookTargetCmdlet : TableauConnectedCmdlet
    {
        protected const string ByIdSet = "Id";
        protected const string ByInputObjectSet = "InputObject";

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WebhookIdTransformation]
        [ArgumentCompleter(typeof(WebhookIdCompleter))]
        public Guid Id { get; set; }

        [Parameter(ParameterSetName = ByInputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public TableauWebhook? InputObject { get; set; }

        /// <summary>The webhook one pipeline record is about.</summary>
        protected sealed class WebhookTarget
        {
            public WebhookTarget(Guid id, string? name, TableauSession session, object input, string? site = null, string? siteId = null)
            {
                Id = id;
                Site = site;
                SiteId = siteId;
                Label = ErrorRecordFactory.WebhookLabel(name, id)!;
                Item = ErrorRecordFactory.ItemName(name, id)!;
                Session = session;
                Input = input;
            }

            public Guid Id { get; }
            /// <summary>How messages name it: its name and id when known, else the id.</summary>
            public string Label { get; }
            /// <summary>How its errors name it ("Webhook 'name' (id)").</summary>
            public string Item { get; }
            public TableauSession Session { get; }
            /// <summary>The site it lives on (a piped webhook's own); null for an id, which is looked for on the session's site.</summary>
            public string? Site { get; }
            public string? SiteId { get; }
            /// <summary>Where the change happens, for -WhatIf and -Confirm: "'name' (id) on admin@server site 'finance' (API 3.27)".</summary>
            public string Where => $"{Label} on {Session.DescribeOn(Site)}";
            /// <summary>A webhook object for what the server answered about it, placed on its own site.</summary>
            public TableauWebhook Webhook(WebhookInfo info)
                => Site == null ? new TableauWebhook(info, Session) : new TableauWebhook(info, Session, Site, SiteId ?? "");
            /// <summary>What the user gave, for ErrorRecord.TargetObject.</summary>
            public object Input { get; }

            public void Deconstruct(out Guid id, out string label, out TableauSession session, out object input)
                => (id, label, session, input) = (Id, Label, Session, Input);
        }

        /// <summary>Reports a failure found on the pipeline thread after the results of earlier records.</summary>
        protected void WriteErrorInOrder(ErrorRecord record)
        {
            FlushEarlierResults();
            WriteError(record);
        }

        /// <summary>
        /// The webhook this record is about. A piped webhook is acted on where it lives: its own site of its session's server,
        /// even when it came from Get-TableauWebhook -AllSites or the session has switched sites since (see SiteRouter).
        /// </summary>
        protected WebhookTarget ResolveTarget()
        {
            if (InputObject == null) return new WebhookTarget(Id, null, ResolveSession(), Id);

            var session = ResolveSession(InputObject.Session);
            return new WebhookTarget(InputObject.Id, InputObject.Name, session, InputObject, InputObject.Site, InputObject.SiteId);
        }
    }
}
