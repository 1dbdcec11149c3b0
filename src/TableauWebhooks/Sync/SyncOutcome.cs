namespace TableauWebhooks.Sync
{
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
