using System;
using System.Globalization;
using TableauServer.Simulator.State;
using TableauServer.Simulator.Wire;

namespace TableauServer.Simulator.Api.SignIn;

/// <summary>The <c>&lt;credentials&gt;</c> answer of Sign In and Switch Site (fixture tsc_auth_sign_in.xml + estimatedTimeToExpiration).</summary>
internal static class CredentialsDocument
{
    public static WireElement For(Session session, TimeSpan lifetime) =>
        new WireElement("credentials")
            .Attr("token", session.Token)
            .Attr("estimatedTimeToExpiration", FormatLifetime(lifetime))
            .Add(new WireElement("site").Attr("id", session.Site.Id).Attr("contentUrl", session.Site.ContentUrl))
            .Add(new WireElement("user").Attr("id", session.User.Id));

    // The format's meaning is UNVERIFIED (third-party code reads "177:05:38" as days:hours:minutes); we follow that reading.
    private static string FormatLifetime(TimeSpan lifetime) =>
        string.Create(CultureInfo.InvariantCulture, $"{lifetime.Days}:{lifetime.Hours:00}:{lifetime.Minutes:00}");
}
