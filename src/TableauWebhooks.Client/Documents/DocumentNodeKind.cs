namespace TableauWebhooks.Client.Documents
{
    /// <summary>What a value of a webhooks document is, as JSON names its kinds.</summary>
    public enum DocumentNodeKind
    {
        Text,
        Boolean,
        Number,
        Null,
        List,
        Object,
        /// <summary>A PowerShell value JSON has no kind for (a date, a script block...).</summary>
        Other,
    }
}
