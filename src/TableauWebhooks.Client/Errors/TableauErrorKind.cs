namespace TableauWebhooks.Client.Errors
{
    /// <summary>What kind of failure happened, independent of PowerShell; the cmdlets map it to an ErrorCategory.</summary>
    public enum TableauErrorKind
    {
        InvalidArgument,     // 400, or rejected client-side before sending
        Authentication,      // 401
        PermissionDenied,    // 403
        NotFound,            // 404
        Conflict,            // 409
        Throttled,           // 429
        ServerError,         // 5xx
        Connection,          // DNS, refused, reset
        Timeout,             // no answer in time
        InvalidResponse,     // the reply could not be read (HTML from a proxy, truncated, empty)
        NotSupported,        // the server's API version is too old for what was asked
    }
}
