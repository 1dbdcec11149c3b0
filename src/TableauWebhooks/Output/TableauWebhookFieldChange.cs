namespace TableauWebhooks.Output
{
    /// <summary>One field a sync changes: its value on the server and the value the document asks for.</summary>
    public sealed class TableauWebhookFieldChange
    {
        internal TableauWebhookFieldChange(string field, object? oldValue, object? newValue)
        {
            Field = field;
            OldValue = oldValue;
            NewValue = newValue;
        }

        public string Field { get; }
        public object? OldValue { get; }
        public object? NewValue { get; }

        public override string ToString() => $"{Field}: {Show(OldValue)} -> {Show(NewValue)}";

        private static string Show(object? value) => value switch
        {
            null => "(none)",
            bool flag => flag ? "True" : "False",
            _ => value.ToString() ?? "",
        };
    }
}
