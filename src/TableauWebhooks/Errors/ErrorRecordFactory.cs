using System;
using System.Management.Automation;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Sessions;

namespace TableauWebhooks.Errors
{
    /// <summary>Turns client failures into ErrorRecords with a stable ErrorId, a real category and the input as target.</summary>
    internal static class ErrorRecordFactory
    {
        /// <summary>
        /// The error record of a failed client call. <paramref name="item"/> (from <see cref="ItemName"/>) names the
        /// pipeline item it is about: what the user reads ($_ as text, ErrorDetails.Message) starts with it, so in a bulk
        /// run each error says which webhook or row it is about, while the exception keeps the client's own message.
        /// </summary>
        public static ErrorRecord FromTableau(TableauException exception, object? target, string? item = null)
        {
            var record = new ErrorRecord(new TableauWebhooksException(exception), exception.ErrorId, CategoryFor(exception.Kind), target);
            var hint = RecommendedActionFor(exception);
            if (hint != null || item != null)
                record.ErrorDetails = new ErrorDetails(item == null ? exception.Message : $"{item}: {exception.Message}") { RecommendedAction = hint ?? "" };
            return record;
        }

        /// <summary>
        /// How messages name a webhook: '<name>' (<id>), '<name>' before it has an id, or the id when its name is not
        /// known; null when neither is.
        /// </summary>
        public static string? WebhookLabel(string? name, Guid? id)
        {
            var named = !string.IsNullOrWhiteSpace(name);
            if (named && id.HasValue) return $"'{name}' ({id})";
            if (named) return $"'{name}'";
            return id?.ToString();
        }

        /// <summary>
        /// The one place a per-item error gets its subject: the webhook's name (with its id when known), else its id,
        /// else its row of pipeline input (1-based: "Row 3"), e.g. an Import-Csv row with no name. Null when none is
        /// known (a single command-line call names nothing its user did not just type).
        /// </summary>
        public static string? ItemName(string? name, Guid? id, int? row = null)
        {
            var webhook = WebhookLabel(name, id);
            if (webhook != null) return "Webhook " + webhook;
            return row.HasValue ? $"Row {row}" : null;
        }

        /// <summary>How errors about a whole site are named: "Site 'finance'" or "The Default site".</summary>
        public static string SiteItemName(string site)
        {
            var described = SiteNames.Describe(site);
            return char.ToUpperInvariant(described[0]) + described.Substring(1);
        }

        public static ErrorRecord Create(string errorId, ErrorCategory category, object? target, string message, string? recommendedAction = null)
        {
            var record = new ErrorRecord(new TableauWebhooksException(errorId, message), errorId, category, target);
            if (recommendedAction != null)
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            return record;
        }

        /// <summary>
        /// Authentication failures after sign-in mean the client already tried to sign in again (or could not):
        /// every further item would fail the same way.
        /// </summary>
        public static bool EndsTheSession(TableauException exception) => exception.Kind == TableauErrorKind.Authentication;

        public static ErrorCategory CategoryFor(TableauErrorKind kind)
        {
            switch (kind)
            {
                case TableauErrorKind.InvalidArgument: return ErrorCategory.InvalidArgument;
                case TableauErrorKind.Authentication: return ErrorCategory.AuthenticationError;
                case TableauErrorKind.PermissionDenied: return ErrorCategory.PermissionDenied;
                case TableauErrorKind.NotFound: return ErrorCategory.ObjectNotFound;
                case TableauErrorKind.Conflict: return ErrorCategory.ResourceExists;
                case TableauErrorKind.Throttled: return ErrorCategory.LimitsExceeded;
                case TableauErrorKind.ServerError: return ErrorCategory.ResourceUnavailable;
                case TableauErrorKind.Connection: return ErrorCategory.ConnectionError;
                case TableauErrorKind.Timeout: return ErrorCategory.OperationTimeout;
                case TableauErrorKind.InvalidResponse: return ErrorCategory.InvalidResult;
                case TableauErrorKind.NotSupported: return ErrorCategory.InvalidOperation;
                default: return ErrorCategory.NotSpecified;
            }
        }

        /// <summary>
        /// What to do next: the one place advice is written (the client's messages state what happened). Specific ids
        /// first, then what every failure of a kind has in common.
        /// </summary>
        private static string? RecommendedActionFor(TableauException exception)
        {
            switch (exception.ErrorId)
            {
                case ErrorIds.SignInFailed:
                    return "Check the user name and password (or token name and secret) and the site's contentUrl given to -Site.";
                case ErrorIds.ProxyAuthenticationRequired:
                    return "Give the proxy's credentials with -ProxyCredential, or -ProxyUseDefaultCredentials for the current Windows user.";
                case ErrorIds.UnencryptedAuthentication:
                    return "Connect to the server's https:// address. Only where the network path is trusted (a lab, a private link), add -AllowUnencryptedAuthentication to Connect-TableauServer.";
                case ErrorIds.SignInIntercepted:
                    return "Connect with -PersonalAccessTokenName and -PersonalAccessTokenSecret, or with -Jwt (a connected app): Tableau takes them where single sign-on intercepts passwords. " +
                           "If a proxy answered, give -Server the address Tableau's REST API answers on.";
                case ErrorIds.SessionExpired:
                    return "Create a new connected-app JWT and run Connect-TableauServer -Jwt again.";
                case ErrorIds.ReauthenticationFailed:
                    return "Run Connect-TableauServer again with the current password or token.";
                case ErrorIds.WebhookNotFound:
                    return "List the site's webhooks with Get-TableauWebhook to find the right id, or check the session's site with Get-TableauSession.";
                case ErrorIds.SiteNotFound:
                    return "Check the site's contentUrl: it is the <contentUrl> of the browser's /#/site/<contentUrl>/ address, and Get-TableauSite lists them for a server administrator.";
                case ErrorIds.ApiVersionNotSupported when exception.ServerApiVersion != null:
                    // -ApiVersion asked for more than the server has: the pin must come down to (at most) its version.
                    var highest = exception.ServerApiVersion.Major + "." + exception.ServerApiVersion.Minor;
                    return $"Use -ApiVersion {highest} or lower, the highest this server supports, or leave -ApiVersion out to use it.";
                case ErrorIds.ApiVersionNotSupported:
                case ErrorIds.EventNotSupportedByServer:
                    return "If Connect-TableauServer -ApiVersion pinned the session below what the server supports (Get-TableauSession shows both), connect again without it; otherwise the server needs an upgrade.";
                case ErrorIds.UnknownWebhookEvent:
                    return "Get-TableauWebhookEvent lists every event, in both forms.";
                case ErrorIds.InvalidServerUrl:
                    return "Give -Server the server's address with its scheme (and a reverse proxy's path, if Tableau is published under one), " +
                           "and the site's contentUrl to -Site: Connect-TableauServer -Server https://tableau.example.com -Site finance";
                case ErrorIds.ServerUrlSiteConflict:
                    return "Leave -Site out to sign in to the site of the address, or give -Server the server's address alone and -Site the site you mean.";
                case ErrorIds.CreateOutcomeUnknown:
                    return "Check with Get-TableauWebhook -Name before creating the webhook again.";
            }
            switch (exception.Kind)
            {
                case TableauErrorKind.Authentication:
                    return "Run Connect-TableauServer again to sign in.";
                case TableauErrorKind.PermissionDenied when IsSiteListing(exception.Request):
                    return "Only server administrators can list the server's sites: connect as one, or give a site you know to Switch-TableauSite -Site.";
                case TableauErrorKind.PermissionDenied:
                    return "Connect as a server or site administrator: only they can manage webhooks.";
                case TableauErrorKind.NotSupported:
                    return "Use a feature the server's REST API version supports, or upgrade the server.";
                case TableauErrorKind.Connection:
                    return "Check the server URL, the network path and any proxy (-Proxy, -NoProxy on Connect-TableauServer).";
                case TableauErrorKind.Throttled:
                    return "The server is limiting requests: try again later, or lower how many requests the script sends.";
                case TableauErrorKind.Timeout:
                    return "The server did not answer in time: try again, or raise -TimeoutSec on Connect-TableauServer.";
                case TableauErrorKind.InvalidResponse:
                    return "Something other than Tableau answered (a proxy, a login page?): check the server URL and the network path.";
                case TableauErrorKind.ServerError:
                    return "Try again later, or ask the server administrator to check Tableau's logs.";
                default:
                    return null;
            }
        }

        // "GET /api/3.27/sites" (Query Sites), not a request under one site ("/sites/<id>/webhooks").
        private static bool IsSiteListing(string? request)
            => request != null && request.StartsWith("GET ", StringComparison.Ordinal) && request.TrimEnd('/').EndsWith("/sites", StringComparison.Ordinal);
    }
}
