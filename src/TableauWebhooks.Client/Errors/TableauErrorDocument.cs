namespace TableauWebhooks.Client.Errors
{
    /// <summary>Tableau's error element (code attribute, summary and detail children), whichever format it came in.</summary>
    internal sealed class TableauErrorDocument
    {
        public TableauErrorDocument(string? code, string? summary, string? detail)
        {
            Code = code;
            Summary = summary;
            Detail = detail;
        }

        public string? Code { get; }
        public string? Summary { get; }
        public string? Detail { get; }
    }
}
