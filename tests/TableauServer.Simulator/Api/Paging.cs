using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace TableauServer.Simulator.Api;

/// <summary>
/// Tableau's standard paging parameters: pageSize (default 100, 1–1000) and pageNumber (1-based, default 1).
/// Out of range or not a number is 400000 (Tableau's exact code UNVERIFIED; see README).
/// </summary>
internal readonly struct Paging
{
    public const int DefaultPageSize = 100;
    public const int MaxPageSize = 1000;

    private Paging(int pageNumber, int pageSize)
    {
        PageNumber = pageNumber;
        PageSize = pageSize;
    }

    public int PageNumber { get; }
    public int PageSize { get; }

    /// <summary>How many items precede this page (long: a page far past the end must not overflow).</summary>
    public long Skip => (PageNumber - 1L) * PageSize;

    public static Paging From(IQueryCollection query)
    {
        var pageSize = Read(query, "pageSize", DefaultPageSize, 1, MaxPageSize);
        var pageNumber = Read(query, "pageNumber", 1, 1, int.MaxValue);
        return new Paging(pageNumber, pageSize);
    }

    private static int Read(IQueryCollection query, string name, int defaultValue, int min, int max)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return defaultValue;
        }

        var text = values.ToString();
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            throw ApiErrors.BadRequest($"The {name} '{text}' is not valid; it must be a whole number from {min} to {max}.");
        }

        return value;
    }
}
