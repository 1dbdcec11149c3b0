using System.Collections.Generic;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Output;

namespace TableauWebhooks.Sync
{
    /// <summary>One line of a sync plan: a webhook, what to do about it, and why when it cannot be done.</summary>
    internal sealed class PlannedChange
    {
        public PlannedChange(string site, string name, SyncAction action, SyncEntry? entry, WebhookInfo? existing,
            IReadOnlyList<TableauWebhookFieldChange>? changes = null, string? problem = null, string? problemId = null, bool problemIsSentence = false)
        {
            Site = site;
            Name = name;
            Action = action;
            Entry = entry;
            Existing = existing;
            Changes = changes ?? new TableauWebhookFieldChange[0];
            Problem = problem;
            ProblemId = problemId;
            ProblemIsSentence = problemIsSentence;
        }

        public string Site { get; }
        public string Name { get; }
        public SyncAction Action { get; }
        /// <summary>What the document asks for; null for a Remove.</summary>
        public SyncEntry? Entry { get; }
        /// <summary>The webhook on the server it is about; null for a Create.</summary>
        public WebhookInfo? Existing { get; }
        public IReadOnlyList<TableauWebhookFieldChange> Changes { get; }
        /// <summary>Why it cannot be applied (an error) or is skipped; null when it can be done.</summary>
        public string? Problem { get; }
        public string? ProblemId { get; }
        /// <summary><see cref="Problem"/> is a sentence of its own, not words that follow the webhook's name (see SyncEntry).</summary>
        public bool ProblemIsSentence { get; }
        /// <summary>Something to send to the server.</summary>
        public bool SendsChange => Problem == null && (Action == SyncAction.Create || Action == SyncAction.Update || Action == SyncAction.Recreate || Action == SyncAction.Remove);
    }
}
