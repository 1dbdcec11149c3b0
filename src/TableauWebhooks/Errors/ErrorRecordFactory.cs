using System;
using System.Management.Automation;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Errors
{
    /// <summary>Turns client failures into ErrorRecords with a stable ErrorId, a real category and the input as target.</summary>
    internal static class ErrorRecordFactory
    {
        public static ErrorRecord FromTableau(TableauException exception, object? target)
        {
            var record = new ErrorRecord(new TableauApiException(exception), exception.ErrorId, CategoryFor(exception.Kind), target);
            var hint = RecommendedActionFor(exception);
            if (hint != null)
                record.ErrorDetails = new ErrorDetails(exception.Message) { RecommendedAction = hint };
            return record;
        }

        public static ErrorRecord Create(string errorId, ErrorCategory category, object? target, string message, string? recommendedAction = null)
        {
            var record = new ErrorRecord(new TableauApiException(errorId, message), errorId, category, target);
            if (recommendedAction != null)
                record.ErrorDetails = new ErrorDetails(message) { RecommendedAction = recommendedAction };
            return record;
        }

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

        private static string? RecommendedActionFor(TableauException exception)
        {
            switch (exception.Kind)
            {
                case TableauErrorKind.Authentication when exception.ErrorId == "SignInFailed":
                    return "Check the user name and password (or token name and secret) and the site's contentUrl given to -Site.";
                case TableauErrorKind.Authentication:
                    return "Run Connect-TableauServer again to sign in.";
                case TableauErrorKind.PermissionDenied:
                    return "Connect as a server or site administrator: only they can manage webhooks.";
                case TableauErrorKind.NotSupported:
                    return "Use a feature the server's REST API version supports, or upgrade the server.";
                case TableauErrorKind.Connection:
                    return "Check the server URL, the network path and any proxy.";
                default:
                    return null;
            }
        }
    }
}
