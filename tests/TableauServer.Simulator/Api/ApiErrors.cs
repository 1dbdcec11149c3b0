namespace TableauServer.Simulator.Api;

/// <summary>
/// Every error the simulator returns. Codes marked UNVERIFIED are the simulator's choice where the
/// reference could not confirm Tableau's code (see README "Fidelity choices").
/// </summary>
internal static class ApiErrors
{
    public static ApiException BadRequest(string detail) => new(400, "400000", "Bad Request", detail);

    /// <summary>Documented for Test Webhook: the webhook "does not exist" (HTTP status UNVERIFIED; 400 chosen).</summary>
    public static ApiException WebhookTestTargetNotFound(string webhookId) =>
        new(400, "400113", "Bad Request", $"Webhook '{webhookId}' could not be found, so it cannot be tested.");

    /// <summary>Documented for Update Webhook: a reason was given while the webhook stays enabled.</summary>
    public static ApiException StatusChangeReasonWhileEnabled() =>
        new(400, "400127", "Bad Request", "statusChangeReason can only be provided when isEnabled is false.");

    public static ApiException MissingCredentials() =>
        new(401, "401000", "Unauthorized Access", "No authentication credentials were provided.");

    public static ApiException SigninError(string detail) => new(401, "401001", "Signin Error", detail);

    public static ApiException InvalidCredentials() =>
        new(401, "401002", "Unauthorized Access", "Invalid authentication credentials were provided.");

    /// <summary>UNVERIFIED code: Tableau's per-method error tables could not be read; 403000 is the generic form.</summary>
    public static ApiException Forbidden(string detail) => new(403, "403000", "Forbidden", detail);

    /// <summary>Switch Site to the site the session is already on (TSC treats 403070 as success).</summary>
    public static ApiException AlreadyOnSite(string contentUrl) =>
        new(403, "403070", "Forbidden", $"The session is already signed in to site '{contentUrl}'.");

    public static ApiException SiteNotFound(string siteId) =>
        new(404, "404000", "Resource Not Found", $"Site '{siteId}' could not be found.");

    public static ApiException UserNotFound(string userId) =>
        new(404, "404002", "Resource Not Found", $"User '{userId}' could not be found.");

    /// <summary>Fixture tsc_server_info_404.xml: the path after /api, as sent.</summary>
    public static ApiException UnknownResource(string pathAfterApi) =>
        new(404, "404003", "Resource Not Found", $"Unknown resource '{pathAfterApi}' specified in URI.");

    /// <summary>UNVERIFIED code for an unknown webhook id.</summary>
    public static ApiException WebhookNotFound(string webhookId) =>
        new(404, "404050", "Resource Not Found", $"Webhook '{webhookId}' could not be found.");

    public static ApiException MethodNotAllowed(string method, string pathAfterApi) =>
        new(405, "405000", "Method Not Allowed", $"Request method '{method}' is not supported for '{pathAfterApi}'.");

    public static ApiException Internal() =>
        new(500, "500000", "Internal Server Error", "The server encountered an error and cannot complete your request. Contact your server administrator.");
}
