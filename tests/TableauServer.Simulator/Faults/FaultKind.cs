namespace TableauServer.Simulator;

/// <summary>
/// Ways the simulator can misbehave on a REST call under /api/ (never on the control API or the receiver).
/// "Does not act" means the request never reaches the Tableau router, so no state changes.
/// </summary>
public enum FaultKind
{
    /// <summary>Delays the request (the enqueued fault's Delay, else FaultOptions.Latency, else 1 s); a cancelled client stops it.</summary>
    Latency,

    /// <summary>429 + Retry-After + error 429000 "Too Many Requests"; does not act.</summary>
    Throttle,

    /// <summary>503 + Retry-After + error 503000 "Service Unavailable"; does not act.</summary>
    ServiceUnavailable,

    /// <summary>502 with a proxy's HTML page; does not act.</summary>
    BadGateway,

    /// <summary>504 with a proxy's HTML page; does not act.</summary>
    GatewayTimeout,

    /// <summary>The connection is aborted before the request is processed: no state change.</summary>
    DropBeforeActing,

    /// <summary>The request is processed (state changes), then the connection is aborted before any response byte.</summary>
    DropAfterActing,

    /// <summary>
    /// The request is processed (state changes), then the connection is closed cleanly (FIN) without a response byte, as
    /// a proxy or load balancer closes a kept-alive connection after forwarding. Unlike the reset of DropAfterActing, a
    /// clean close of a reused connection makes .NET's HTTP handler send a request without a body again by itself.
    /// </summary>
    CloseAfterActing,

    /// <summary>Processed normally; the body is cut to about half (Content-Length says the short length).</summary>
    TruncatedBody,

    /// <summary>Processed normally; the body is garbage that is neither XML nor JSON, with the normal content type.</summary>
    MalformedBody,

    /// <summary>200 with an HTML login page (captive portal / SSO proxy); does not act.</summary>
    HtmlPage,

    /// <summary>Processed normally; empty body with the normal status and content type.</summary>
    EmptyBody,

    /// <summary>The request's session is invalidated before processing, so it gets 401 401002.</summary>
    ExpireToken,

    /// <summary>
    /// 302 Found to the simulator's login page (/sso/login), as a single sign-on front end or login proxy answers a
    /// sign-in it intercepts; does not act. Not among the default random kinds.
    /// </summary>
    RedirectToLogin,
}
