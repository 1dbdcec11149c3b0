using TableauWebhooks.Client.Models;

namespace TableauWebhooks.Output
{
    /// <summary>A site of a Tableau server; ContentUrl is what -Site takes ("" is the Default site).</summary>
    public sealed class TableauSite
    {
        internal TableauSite(SiteInfo site)
        {
            Id = site.Id;
            Name = site.Name;
            ContentUrl = site.ContentUrl;
            State = site.State;
        }

        public string Id { get; }
        public string Name { get; }
        public string ContentUrl { get; }
        public string? State { get; }

        public override string ToString() => ContentUrl.Length == 0 ? $"{Name} (Default)" : $"{Name} ({ContentUrl})";
    }
}
