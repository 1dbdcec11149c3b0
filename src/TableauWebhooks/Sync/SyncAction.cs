namespace TableauWebhooks.Sync
{
    /// <summary>What Sync-TableauWebhook does about one webhook.</summary>
    public enum SyncAction
    {
        /// <summary>The document lists it and the site has none by that name.</summary>
        Create,
        /// <summary>It differs from the document in event, destination or state.</summary>
        Update,
        /// <summary>It differs, and the server cannot update webhooks (API below 3.8): -Recreate creates the new one, then removes the old.</summary>
        Recreate,
        /// <summary>-Prune: it is on a site the document covers, and the document does not list it.</summary>
        Remove,
        /// <summary>It is as the document says.</summary>
        Unchanged,
        /// <summary>Left alone, for the reason given (a name used twice, an update the server cannot make).</summary>
        Skipped,
    }

    /// <summary>How the action ended.</summary>
    public enum SyncOutcome
    {
        /// <summary>Nothing needed doing (Unchanged), or nothing was done on purpose (Skipped).</summary>
        None,
        /// <summary>The change was made.</summary>
        Done,
        /// <summary>The change failed, or the entry cannot be applied; an error record says why.</summary>
        Failed,
        /// <summary>-WhatIf: the change was shown, not made.</summary>
        WhatIf,
        /// <summary>-Confirm was answered no.</summary>
        Declined,
    }
}
