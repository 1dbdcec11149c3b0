using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Completion;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;
using TableauWebhooks.Sessions;
using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// A cmdlet that acts on existing webhooks: named by -Id, piped in whole from Get-TableauWebhook (which also carries
    /// its session and name), or selected by -Name (wildcards) or -LiteralName from the session's site, as Get-TableauWebhook
    /// selects them. -Id binds by value (ids piped as [guid]s or as text, e.g. Get-Content ids.txt) and by property name
    /// (CSV rows and any object with an Id). Derived cmdlets make InputObject the default set, and PowerShell tries
    /// by-value binding without conversion first: a piped webhook binds to InputObject as it is, while -Id's
    /// transformation turns only text into a Guid and hands a webhook back unchanged, which a Guid cannot take. With Id
    /// the default, PowerShell would bind a piped webhook's Id by property name and lose its name and session. -Name and
    /// -LiteralName take nothing from the pipeline: a second by-property-name set would make every object with both an
    /// Id and a Name ambiguous, and an id names one webhook where a name may name several.
    /// The bulk piece is separate (TableauBulkTargetCmdlet), so a cmdlet that reads its targets one by one carries no
    /// -ThrottleLimit. Derived cmdlets act on each webhook in ProcessTarget.
    /// </summary>
    public abstract class TableauWebhookTargetCmdlet : TableauConnectedCmdlet
    {
        protected const string ByIdSet = "Id";
        protected const string ByInputObjectSet = "InputObject";
        protected const string ByNameSet = "Name";
        protected const string ByLiteralNameSet = "LiteralName";

        [Parameter(ParameterSetName = ByIdSet, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [WebhookIdTransformation]
        [ArgumentCompleter(typeof(WebhookIdCompleter))]
        public Guid Id { get; set; }

        [Parameter(ParameterSetName = ByInputObjectSet, Mandatory = true, ValueFromPipeline = true)]
        [ValidateNotNull]
        public TableauWebhook? InputObject { get; set; }

        /// <summary>Names of webhooks of the session's site; wildcards allowed. Each one that selects nothing is reported.</summary>
        [Parameter(ParameterSetName = ByNameSet, Mandatory = true)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WebhookNameCompleter))]
        public string[]? Name { get; set; }

        /// <summary>Names of webhooks of the session's site, taken as they are: no character is a wildcard.</summary>
        [Parameter(ParameterSetName = ByLiteralNameSet, Mandatory = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(WebhookNameCompleter))]
        public string[]? LiteralName { get; set; }

        /// <summary>The webhook one pipeline record, or one webhook a name selected, is about.</summary>
        protected sealed class WebhookTarget
        {
            public WebhookTarget(Guid id, string? name, TableauSession session, object input, string? site = null, string? siteId = null, TableauWebhook? known = null)
            {
                Id = id;
                Name = name;
                Site = site;
                SiteId = siteId;
                Label = ErrorRecordFactory.WebhookLabel(name, id)!;
                Item = ErrorRecordFactory.ItemName(name, id)!;
                Session = session;
                Input = input;
                Known = known;
            }

            public Guid Id { get; }
            /// <summary>Its name when known (piped or selected by name); null for an id.</summary>
            public string? Name { get; }
            /// <summary>How messages name it: its name and id when known, else the id.</summary>
            public string Label { get; }
            /// <summary>How its errors name it ("Webhook 'name' (id)").</summary>
            public string Item { get; }
            public TableauSession Session { get; }
            /// <summary>The site it lives on (a piped webhook's own); null for the session's site (an id, or a name selected there).</summary>
            public string? Site { get; }
            public string? SiteId { get; }
            /// <summary>The webhook as it was read (piped, or listed to select it by name); null for an id.</summary>
            public TableauWebhook? Known { get; }
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

        /// <summary>Acts on one webhook: called for the record's webhook, or for each webhook its names selected.</summary>
        private protected abstract void ProcessTarget(WebhookTarget target);

        protected sealed override void ProcessRecord()
        {
            foreach (var target in ResolveTargets()) ProcessTarget(target);
        }

        /// <summary>The session's site was listed to select webhooks by name; a cmdlet that needs the list too can keep it.</summary>
        private protected virtual void OnSiteListed(TableauSession session, IReadOnlyList<WebhookInfo> listed)
        {
        }

        /// <summary>Reports a failure found on the pipeline thread after the results of earlier records.</summary>
        protected void WriteErrorInOrder(ErrorRecord record)
        {
            FlushEarlierResults();
            WriteError(record);
        }

        /// <summary>
        /// The webhooks this record is about. A piped webhook is acted on where it lives: its own site of its session's
        /// server, even when it came from Get-TableauWebhook -AllSites or the session has switched sites since (see
        /// SiteRouter), and never on another server (TrySessionFor). Names select from the session's site.
        /// </summary>
        private IEnumerable<WebhookTarget> ResolveTargets()
        {
            switch (ParameterSetName)
            {
                case ByNameSet:
                    return SelectByName(Name!.Select(WebhookNameFilter.Wildcard).ToArray());
                case ByLiteralNameSet:
                    return SelectByName(LiteralName!.Select(WebhookNameFilter.Literal).ToArray());
            }
            if (InputObject == null) return new[] { new WebhookTarget(Id, null, ResolveSession(), Id) };
            if (!TrySessionFor(InputObject, out var session)) return Array.Empty<WebhookTarget>();
            return new[] { new WebhookTarget(InputObject.Id, InputObject.Name, session, InputObject, InputObject.Site, InputObject.SiteId, InputObject) };
        }

        /// <summary>
        /// The site's webhooks that any of the filters matches, each once, in the order Tableau lists them. Every name or
        /// pattern that matches nothing is reported first (WebhookNotFound): a command that changes nothing must say so,
        /// where silence would read as done, and under -ErrorAction Stop a mistyped name stops it before any change.
        /// </summary>
        private IEnumerable<WebhookTarget> SelectByName(WebhookNameFilter[] filters)
        {
            var session = ResolveSession();
            if (!TryCall(session, (c, ct) => c.ListWebhooksAsync(ct), session, null, out var listed)) return Array.Empty<WebhookTarget>();
            OnSiteListed(session, listed);
            var webhooks = listed.Select(w => new TableauWebhook(w, session)).ToList();
            var site = SiteNames.Describe(session.Site);
            foreach (var filter in filters.Where(f => !webhooks.Any(w => f.IsMatch(w.Name))))
                WriteErrorInOrder(filter.NotFound(site));
            return webhooks
                .Where(w => filters.Any(f => f.IsMatch(w.Name)))
                .Select(w => new WebhookTarget(w.Id, w.Name, session, w, known: w))
                .ToList();
        }
    }
}
