namespace TableauWebhooks.Client.Documents
{
    /// <summary>A JSON value of a kind no field takes: a number, a list or an object.</summary>
    public sealed class UnexpectedJsonValue
    {
        internal UnexpectedJsonValue(string kind) => Kind = kind;

        /// <summary>"a number", "a list", "an object".</summary>
        public string Kind { get; }
    }
}
