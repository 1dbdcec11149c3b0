using System;
using System.Collections.Generic;
using System.Linq;
using TableauWebhooks.Sync;

namespace TableauWebhooks.Output
{
    /// <summary>
    /// One webhook of a sync: what the plan said to do (Action), the fields it changes with their old and new values,
    /// and how it ended (Outcome). Written for every webhook the document lists, and for every webhook -Prune removes.
    /// Action and Outcome are the names of SyncAction and SyncOutcome as text, so ConvertTo-Json and Export-Csv write
    /// "Create" and "Done" in every PowerShell (Windows PowerShell 5.1's ConvertTo-Json has no -EnumsAsStrings), and
    /// $_.Action -eq 'Create' works as it reads.
    /// </summary>
    public sealed class TableauWebhookSyncResult
    {
        internal TableauWebhookSyncResult(PlannedChange change, string server)
        {
            Site = change.Site;
            Name = change.Name;
            ActionValue = change.Action;
            Changes = change.Changes.ToArray();
            Event = change.Entry?.Event ?? change.Existing?.Event;
            DestinationUrl = change.Entry?.DestinationUrl ?? change.Existing?.DestinationUrl;
            Enabled = change.Entry?.Enabled ?? change.Existing?.Enabled;
            Id = change.Existing != null && Guid.TryParse(change.Existing.Id, out var id) ? id : (Guid?)null;
            Reason = change.Problem;
            Server = server;
        }

        /// <summary>The site's contentUrl ("" is the Default site).</summary>
        public string Site { get; }
        public string Name { get; }
        /// <summary>What the plan does about it: Create, Update, Recreate, Remove, Unchanged or Skipped (a SyncAction's name).</summary>
        public string Action => ActionValue.ToString();
        /// <summary>How it ended: None, Done, Failed, WhatIf or Declined (a SyncOutcome's name).</summary>
        public string Outcome => OutcomeValue.ToString();
        internal SyncAction ActionValue { get; }
        internal SyncOutcome OutcomeValue { get; set; }
        /// <summary>For Update, Recreate and a Skipped update: each field that differs, with the server's value and the document's.</summary>
        public TableauWebhookFieldChange[] Changes { get; }
        /// <summary>The event, destination and state the webhook has once synced (what it had, for a Remove).</summary>
        public string? Event { get; }
        public string? DestinationUrl { get; }
        public bool? Enabled { get; }
        /// <summary>The webhook's id: the one on the server, or the new one a Create or Recreate made.</summary>
        public Guid? Id { get; internal set; }
        /// <summary>Why it was skipped or failed.</summary>
        public string? Reason { get; internal set; }
        public string Server { get; }

        /// <summary>One line for the table view: the changes, what a Create makes, or the reason.</summary>
        public string Detail
        {
            get
            {
                if (Reason != null) return Reason;
                switch (ActionValue)
                {
                    case SyncAction.Create: return $"{Event} -> {DestinationUrl}{(Enabled == false ? " (disabled)" : "")}";
                    case SyncAction.Remove: return $"{Event} -> {DestinationUrl}";
                    default: return string.Join("; ", (IEnumerable<TableauWebhookFieldChange>)Changes);
                }
            }
        }

        public override string ToString() => $"{Action} '{Name}' on {(Site.Length == 0 ? "Default" : Site)}: {Outcome}";
    }
}
