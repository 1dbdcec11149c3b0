using System;

namespace TableauWebhooks.Client.Versions
{
    /// <summary>
    /// Every REST API version the client depends on, each written once, with the Tableau Server release that introduced
    /// it (Tableau's REST API version table). Methods older than webhooks (Query Sites, Switch Site, Query User On Site,
    /// Sign Out) need no gate: every session is at <see cref="Webhooks"/> or above.
    /// </summary>
    internal static class ApiGates
    {
        /// <summary>
        /// Not a gate but the ceiling: the highest REST API version this client was written against (Tableau Cloud,
        /// February 2026). A newer server is spoken to at this version.
        /// </summary>
        public static readonly Version Newest = new Version(3, 28);

        /// <summary>
        /// Server Info (GET serverinfo, unauthenticated), asked at this version: it works on every server new enough to
        /// report its own version.
        /// </summary>
        public static readonly ApiGate ServerInfo = new ApiGate(2, 4, "10.1");

        /// <summary>Webhooks, and so every session: a server below it is refused at sign-in.</summary>
        public static readonly ApiGate Webhooks = new ApiGate(3, 6, "2019.4");

        /// <summary>Update Webhook: renaming, enabling and disabling, and creating a webhook disabled.</summary>
        public static readonly ApiGate UpdateWebhook = new ApiGate(3, 8, "2020.2");

        /// <summary>The webhook's event attribute (event="DatasourceRefreshFailed"); below it only the legacy webhook-source element.</summary>
        public static readonly ApiGate EventAttribute = new ApiGate(3, 9, "2020.3");

        /// <summary>The AdminPromoted and AdminDemoted events.</summary>
        public static readonly ApiGate AdminEvents = new ApiGate(3, 11, "2021.1");

        /// <summary>Sign-in with a connected-app JSON Web Token.</summary>
        public static readonly ApiGate JwtSignIn = new ApiGate(3, 17, "2022.3");
    }
}
