using System.Collections.Generic;
using System.Threading.Tasks;
using TableauServer.Simulator.Api.SignIn;

namespace TableauServer.Simulator.Api.Endpoints;

/// <summary>Sign In, Sign Out and Switch Site.</summary>
internal static class AuthEndpoints
{
    public static IEnumerable<RestRoute> Routes()
    {
        yield return new RestRoute("POST", "auth/signin", new ApiVersion(2, 0), SignInAsync);
        yield return new RestRoute("POST", "auth/signout", new ApiVersion(2, 0), SignOutAsync);
        yield return new RestRoute("POST", "auth/switchSite", new ApiVersion(2, 6), SwitchSiteAsync);
    }

    private static async Task SignInAsync(RestRequest request)
    {
        var body = await request.ReadBodyAsync();
        var credentials = body.Child("credentials") ?? throw ApiErrors.BadRequest("The request body must contain a credentials element.");
        if (credentials.Child("user") is not null)
        {
            // Deviation: impersonation is not simulated; refusing it beats silently signing in as the wrong user.
            throw ApiErrors.BadRequest("Impersonation (credentials/user) is not supported by the simulator.");
        }

        var (user, accessTokenName) = CredentialVerifier.Verify(credentials, request.Version, request.State, request.Runtime.Options);
        var contentUrl = credentials.Child("site")?.GetAttribute("contentUrl") ?? "";
        var site = request.State.FindSiteByContentUrl(contentUrl) ?? throw ApiErrors.SigninError($"Site '{contentUrl}' does not exist.");
        if (!user.BelongsTo(site))
        {
            throw ApiErrors.SigninError($"The user is not a member of site '{contentUrl}'.");
        }

        var session = request.State.Sessions.Create(user, site, accessTokenName);
        await request.RespondAsync(200, CredentialsDocument.For(session, request.Runtime.Options.SessionLifetime));
    }

    private static Task SignOutAsync(RestRequest request)
    {
        var session = Authentication.RequireSession(request);
        request.State.Sessions.End(session.Token);
        return request.RespondNoContentAsync();
    }

    /// <summary>
    /// New credentials for another site; the old token stops working. A site the user cannot use (or that does
    /// not exist) is 401001 — the simulator's choice, mirroring what Sign In says for the same situation.
    /// </summary>
    private static async Task SwitchSiteAsync(RestRequest request)
    {
        var session = Authentication.RequireSession(request);
        var body = await request.ReadBodyAsync();
        var contentUrl = body.Child("site")?.GetAttribute("contentUrl")
            ?? throw ApiErrors.BadRequest("The request body must contain a site element with a contentUrl attribute.");
        var site = request.State.FindSiteByContentUrl(contentUrl) ?? throw ApiErrors.SigninError($"Site '{contentUrl}' does not exist.");
        if (site.Id == session.Site.Id)
        {
            throw ApiErrors.AlreadyOnSite(contentUrl);
        }

        if (!session.User.BelongsTo(site))
        {
            throw ApiErrors.SigninError($"The user is not a member of site '{contentUrl}'.");
        }

        request.State.Sessions.End(session.Token);
        var switched = request.State.Sessions.Create(session.User, site, session.AccessTokenName);
        await request.RespondAsync(200, CredentialsDocument.For(switched, request.Runtime.Options.SessionLifetime));
    }
}
