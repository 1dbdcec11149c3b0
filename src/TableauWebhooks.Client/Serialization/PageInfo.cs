namespace TableauWebhooks.Client.Serialization
{
    /// <summary>
    /// Tableau's pagination element. List Webhooks is documented without one, but if a server sends it we follow it
    /// rather than silently return the first page only. Paging needs only totalAvailable.
    /// </summary>
    internal sealed class PageInfo
    {
        private PageInfo(int totalAvailable)
        {
            TotalAvailable = totalAvailable;
        }

        public int TotalAvailable { get; }

        /// <summary>
        /// Null unless all three attributes are whole numbers: an element we cannot fully read is treated as absent, so
        /// paging stops rather than follow a count it cannot trust.
        /// </summary>
        internal static PageInfo? From(string? pageNumber, string? pageSize, string? totalAvailable)
        {
            if (!int.TryParse(pageNumber, out _) || !int.TryParse(pageSize, out _) || !int.TryParse(totalAvailable, out var total))
                return null;
            return new PageInfo(total);
        }
    }
}
