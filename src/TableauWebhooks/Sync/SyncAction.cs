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
}
