using TableauServer.Simulator.State;

namespace TableauServer.Simulator.Api;

/// <summary>The X-Tableau-Auth checks every authenticated method shares.</summary>
internal static class Authentication
{
    public const string HeaderName = "X-Tableau-Auth";

    /// <summary>Missing token → 401000; unknown, signed-out or idle-expired token → 401002.</summary>
    public static Session RequireSession(RestRequest request)
    {
        // ASP.NET Core header lookups are case-insensitive, as HTTP requires (TSC sends "x-tableau-auth").
        var token = request.Http.Request.Headers[HeaderName].ToString();
        if (token.Length == 0)
        {
            throw ApiErrors.MissingCredentials();
        }

        return request.State.Sessions.Use(token) ?? throw ApiErrors.InvalidCredentials();
    }

    /// <summary>The site in the URI must exist (else 404000) and be the session's site (else 403000).</summary>
    public static SimulatedSite RequireSite(RestRequest request, Session session, string siteId)
    {
        var site = request.State.FindSiteById(siteId) ?? throw ApiErrors.SiteNotFound(siteId);
        if (site.Id != session.Site.Id)
        {
            throw ApiErrors.Forbidden($"The authentication token is for site '{session.Site.ContentUrl}', not for site '{siteId}'.");
        }

        return site;
    }

    /// <summary>Webhook methods "can only be called by server and site administrators".</summary>
    public static void RequireAdministrator(Session session)
    {
        if (!session.User.IsAdministrator)
        {
            throw ApiErrors.Forbidden("Only server administrators and site administrators can manage webhooks.");
        }
    }
}
