namespace TableauServer.Simulator.Faults;

/// <summary>
/// Bodies that are not Tableau's: what a reverse proxy or an SSO / captive portal answers instead of the server,
/// and bytes no parser accepts.
/// </summary>
internal static class FaultPages
{
    public const string HtmlContentType = "text/html; charset=utf-8";

    /// <summary>Where RedirectToLogin sends a request: a login page the simulator serves (and logs) like a single sign-on front end's.</summary>
    public const string LoginPath = "/sso/login";

    public const string BadGateway =
        "<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n<center><h1>502 Bad Gateway</h1></center>\r\n"
        + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    public const string GatewayTimeout =
        "<html>\r\n<head><title>504 Gateway Time-out</title></head>\r\n<body>\r\n<center><h1>504 Gateway Time-out</h1></center>\r\n"
        + "<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

    public const string LoginPage =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head><meta charset=\"utf-8\"><title>Sign in</title></head>\n<body>\n"
        + "<h1>Sign in to continue</h1>\n<form method=\"post\" action=\"/sso/login\">\n"
        + "<label>Username <input name=\"username\"></label>\n<label>Password <input name=\"password\" type=\"password\"></label>\n"
        + "<button type=\"submit\">Sign in</button>\n</form>\n</body>\n</html>\n";

    /// <summary>Starts like markup, then breaks both XML ("&lt;&lt;") and JSON (leading "&lt;").</summary>
    public const string Garbage = "<tsResponse <<\u00bf\u00bf garbage {\"not\": json]] %%% \u0007";
}
