using System;
using TableauServer.Simulator.Auth;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api.SignIn;

/// <summary>
/// Turns a <c>&lt;credentials&gt;</c> element into a user: name/password, a personal access token (3.6+)
/// or a connected-app JWT (3.17+). Failures are 401001 "Signin Error" with a detail that says what was wrong
/// but never repeats a secret.
/// </summary>
internal static class CredentialVerifier
{
    public static (SimulatedUser User, string? AccessTokenName) Verify(WireElement credentials, ApiVersion version, SimulatorState state, SimulatorOptions options)
    {
        if (credentials.GetAttribute("jwt") is { } jwt)
        {
            // UNVERIFIED what older servers do with a jwt attribute; the simulator refuses it as a bad request.
            RequireVersion(version, ApiVersion.JwtSignIn, "JWT (connected app) sign-in");
            if (!ConnectedAppJwtValidator.TryValidate(jwt, options.ConnectedApp, DateTimeOffset.UtcNow, out var subject, out var error))
            {
                throw ApiErrors.SigninError(error);
            }

            var jwtUser = state.FindUserByName(subject) ?? throw ApiErrors.SigninError("The JWT subject is not a user on this server.");
            return (jwtUser, null);
        }

        if (credentials.GetAttribute("personalAccessTokenName") is { } tokenName)
        {
            RequireVersion(version, ApiVersion.PersonalAccessTokens, "Personal access token sign-in");
            var token = state.FindAccessToken(tokenName);
            if (token is null || token.Secret != (credentials.GetAttribute("personalAccessTokenSecret") ?? ""))
            {
                throw ApiErrors.SigninError("The personal access token name or secret is not valid.");
            }

            var tokenUser = state.FindUserByName(token.UserName) ?? throw ApiErrors.SigninError("The personal access token's user no longer exists.");
            return (tokenUser, token.Name);
        }

        if (credentials.GetAttribute("name") is { } name)
        {
            var user = state.FindUserByName(name);
            if (user is null || user.Password != (credentials.GetAttribute("password") ?? ""))
            {
                throw ApiErrors.SigninError("The user name or password is not valid.");
            }

            return (user, null);
        }

        throw ApiErrors.BadRequest("The credentials element must carry name/password, personalAccessTokenName/personalAccessTokenSecret, or jwt.");
    }

    private static void RequireVersion(ApiVersion version, ApiVersion minimum, string feature)
    {
        if (version < minimum)
        {
            throw ApiErrors.BadRequest($"{feature} requires REST API {minimum} or later.");
        }
    }
}
