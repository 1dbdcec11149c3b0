namespace TableauWebhooks.Client.Serialization
{
    /// <summary>
    /// Tableau's pagination element. List Webhooks is documented without one, but if a server sends it we follow it
    /// rather than silently return the first page only.
    /// </summary>
    internal sealed class PageInfo
    {
        public PageInfo(int pageNumber, int pageSize, int totalAvailable)
        {
            PageNumber = pageNumber;
            PageSize = pageSize;
            TotalAvailable = totalAvailable;
        }

        public int PageNumber { get; }
        public int PageSize { get; }
        public int TotalAvailable { get; }

        internal static PageInfo? From(string? pageNumber, string? pageSize, string? totalAvailable)
        {
            if (!int.TryParse(pageNumber, out var number) || !int.TryParse(pageSize, out var size) || !int.TryParse(totalAvailable, out var total))
                return null;
            return new PageInfo(number, size, total);
        }
    }
}
