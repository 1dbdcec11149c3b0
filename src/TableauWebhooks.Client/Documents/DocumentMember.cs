namespace TableauWebhooks.Client.Documents
{
    /// <summary>One key of an object and its value, with the line the key is on (null when the input has no lines).</summary>
    public sealed class DocumentMember
    {
        public DocumentMember(string key, DocumentNode value, int? line = null)
        {
            Key = key;
            Value = value;
            Line = line;
        }

        public string Key { get; }
        public DocumentNode Value { get; }
        public int? Line { get; }
    }
}
