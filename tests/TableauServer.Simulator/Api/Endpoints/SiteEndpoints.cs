using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api.Endpoints;

/// <summary>GET /api/{v}/sites — Query Sites, paged; lets a runbook loop over every site of the server.</summary>
internal static class SiteEndpoints
{
    public static IEnumerable<RestRoute> Routes()
    {
        yield return new RestRoute("GET", "sites", new ApiVersion(2, 0), QueryAsync);
    }

    /// <summary>
    /// Server administrators only; anyone else is 403000 (what Tableau does for them is UNVERIFIED, see README).
    /// A page past the end is an empty sites element, with the real totalAvailable.
    /// </summary>
    private static Task QueryAsync(RestRequest request)
    {
        var session = Authentication.RequireSession(request);
        if (!session.User.IsServerAdministrator)
        {
            throw ApiErrors.Forbidden("Only server administrators can query all sites.");
        }

        var paging = Paging.From(request.Http.Request.Query);
        var sites = request.State.Sites;
        var page = paging.Skip >= sites.Count ? Enumerable.Empty<SimulatedSite>() : sites.Skip((int)paging.Skip).Take(paging.PageSize);

        // Tableau writes the paging numbers as strings, in JSON too.
        var pagination = new WireElement("pagination")
            .Attr("pageNumber", paging.PageNumber.ToString(CultureInfo.InvariantCulture))
            .Attr("pageSize", paging.PageSize.ToString(CultureInfo.InvariantCulture))
            .Attr("totalAvailable", sites.Count.ToString(CultureInfo.InvariantCulture));
        var list = new WireElement("sites") { ChildrenAreList = true };
        foreach (var site in page)
        {
            list.Add(new WireElement("site")
                .Attr("id", site.Id)
                .Attr("name", site.Name)
                .Attr("contentUrl", site.ContentUrl)
                .Attr("state", "Active")
                .Attr("adminMode", "ContentAndUsers"));
        }

        return request.RespondAsync(200, pagination, list);
    }
}
