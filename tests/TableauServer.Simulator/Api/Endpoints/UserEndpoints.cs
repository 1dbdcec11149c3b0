using System.Collections.Generic;
using System.Threading.Tasks;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api.Endpoints;

/// <summary>GET /api/{v}/sites/{siteId}/users/{userId} — lets clients learn the signed-in user's name and role.</summary>
internal static class UserEndpoints
{
    public static IEnumerable<RestRoute> Routes()
    {
        yield return new RestRoute("GET", "sites/{siteId}/users/{userId}", new ApiVersion(2, 0), GetAsync);
    }

    private static Task GetAsync(RestRequest request)
    {
        var session = Authentication.RequireSession(request);
        var site = Authentication.RequireSite(request, session, request["siteId"]);
        var userId = request["userId"];
        var user = request.State.FindUserById(userId);
        if (user is null || !user.BelongsTo(site))
        {
            throw ApiErrors.UserNotFound(userId);
        }

        if (user.Id != session.User.Id && !session.User.IsAdministrator)
        {
            throw ApiErrors.Forbidden("Only administrators can query users other than themselves.");
        }

        return request.RespondAsync(200, new WireElement("user").Attr("id", user.Id).Attr("name", user.Name).Attr("siteRole", user.SiteRole));
    }
}
