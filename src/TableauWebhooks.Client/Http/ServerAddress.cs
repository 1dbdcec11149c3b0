using System;
using System.Text.RegularExpressions;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// Validates and normalises the server URL before anything is sent, so a typo fails with advice, not a DNS error.
    /// The one place a server address is checked: the cmdlets parse what users type with <see cref="Parse"/>.
    /// </summary>
    /// <remarks>
    /// What an address may hold after its host:
    /// <list type="bullet">
    /// <item>a path: a reverse proxy's prefix (a proxy may publish Tableau under one), kept as part of the server root,
    /// unless it is the address of one of Tableau's pages or of its REST API (<see cref="PageAt"/>), which is refused
    /// with the server root and site to give instead;</item>
    /// <item>a # part, as the browser's address bar shows Tableau's pages: /#/site/&lt;contentUrl&gt;/... names that site,
    /// any other /#/... the Default site, an empty one (# or #/) no site; anything else is refused.</item>
    /// </list>
    /// A query is dropped.
    /// </remarks>
    public static class ServerAddress
    {
        private static readonly Regex ApiVersion = new Regex(@"^\d+(\.\d+)*$", RegexOptions.CultureInvariant);

        /// <summary>The server root and the site, if any, of what a user typed ("https://tableau.example.com/#/site/finance/home"...).</summary>
        /// <exception cref="TableauException">InvalidServerUrl, saying what is wrong and what the server's address is.</exception>
        public static ServerLocation Parse(string? text)
        {
            var trimmed = (text ?? "").Trim();
            if (trimmed.Length == 0) throw Missing();
            if (!Uri.TryCreate(trimmed, UriKind.RelativeOrAbsolute, out var uri))
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl,
                    $"'{trimmed}' is not a server URL. Give the full address with its scheme, for example https://tableau.example.com.");
            RequireHttpUrl(uri, trimmed);
            var root = RootOf(uri, trimmed);
            return new ServerLocation(root, SiteOf(uri, trimmed), trimmed);
        }

        /// <summary>The server root of an address that must name no site (a client's <c>ServerUrl</c>: the site is signed in to separately).</summary>
        /// <exception cref="TableauException">InvalidServerUrl.</exception>
        public static Uri Normalize(Uri? serverUrl)
        {
            if (serverUrl == null) throw Missing();
            var original = serverUrl.OriginalString.Trim();
            RequireHttpUrl(serverUrl, original);
            var root = RootOf(serverUrl, original);
            var site = SiteOf(serverUrl, original);
            if (site != null)
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl,
                    $"The server URL '{original}' is the address of a page on {DescribeSite(site)} (its # part), not of the server. " +
                    $"The server's address is {Display(root)}; the site is signed in to separately.");
            return root;
        }

        /// <summary>
        /// Whether two server roots are one server: the same scheme, host (without regard to case, an international name
        /// in its ASCII form), port (a default port written or not) and path (a reverse proxy's prefix, compared exactly,
        /// trailing slash aside). A query or # part does not count. Nothing more lenient: a false "same" sends a change to
        /// the wrong server, a false "different" only asks the user to leave out -Session.
        /// </summary>
        public static bool SameServer(Uri? a, Uri? b)
        {
            if (a == null || b == null || !a.IsAbsoluteUri || !b.IsAbsoluteUri) return false;
            return string.Equals(a.Scheme, b.Scheme, StringComparison.OrdinalIgnoreCase)
                && string.Equals(a.IdnHost, b.IdnHost, StringComparison.OrdinalIgnoreCase)
                && a.Port == b.Port
                && string.Equals(PathOf(a), PathOf(b), StringComparison.Ordinal);
        }

        // Unescaped, so /t%61bleau and /tableau are one prefix, as a server reads them.
        private static string PathOf(Uri root) => Uri.UnescapeDataString(root.AbsolutePath).TrimEnd('/');

        /// <summary>"the Default site" or "site 'finance'": how messages name a site by its contentUrl.</summary>
        public static string DescribeSite(string contentUrl) => contentUrl.Length == 0 ? "the Default site" : $"site '{contentUrl}'";

        /// <summary>An address as messages show it: no trailing slash.</summary>
        public static string Display(Uri root) => root.AbsoluteUri.TrimEnd('/');

        /// <summary>The absolute URI of an API path ("/api/3.9/...") under the server root.</summary>
        internal static Uri Combine(Uri serverRoot, string apiPath) => new Uri(serverRoot.GetLeftPart(UriPartial.Path).TrimEnd('/') + apiPath);

        private static TableauException Missing()
            => ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl, "The server URL is missing; give one such as https://tableau.example.com.");

        private static void RequireHttpUrl(Uri serverUrl, string original)
        {
            // "tableau.example.com" is relative; "tableau.example.com:8000" parses with the host name as its scheme.
            if (!serverUrl.IsAbsoluteUri || (serverUrl.Scheme != Uri.UriSchemeHttp && serverUrl.Scheme != Uri.UriSchemeHttps))
            {
                var hint = original.Length > 0 && original.IndexOf("://", StringComparison.Ordinal) < 0
                    ? $" Did you mean https://{original.TrimEnd('/')}?"
                    : "";
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl,
                    $"The server URL '{original}' is not an absolute http:// or https:// URL.{hint}");
            }
            if (string.IsNullOrEmpty(serverUrl.Host))
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl, $"The server URL '{original}' has no host name.");
        }

        /// <summary>
        /// The server root: scheme, host, port and any reverse proxy's path prefix, without query, # part or trailing
        /// slash. Refuses the address of a Tableau page or API call, naming the root (and site) it is under.
        /// </summary>
        private static Uri RootOf(Uri serverUrl, string original)
        {
            var segments = serverUrl.AbsolutePath.Split('/');
            for (var i = 0; i < segments.Length; i++)
            {
                var page = PageAt(segments, i);
                if (page == null) continue;
                var root = WithPath(serverUrl, string.Join("/", segments, 0, i));
                var site = page.Site == null ? "" : $", and the site's contentUrl is '{page.Site}'";
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl,
                    $"'{original}' is the address of {page.What}, not of the server. The server's address is {Display(root)}{site}.");
            }
            return WithPath(serverUrl, serverUrl.AbsolutePath);
        }

        private static Uri WithPath(Uri serverUrl, string path)
        {
            var builder = new UriBuilder(serverUrl.Scheme, serverUrl.Host, serverUrl.Port, path.TrimEnd('/'));
            return new Uri(builder.Uri.GetLeftPart(UriPartial.Path).TrimEnd('/'));
        }

        private sealed class Page
        {
            public Page(string what, string? site) { What = what; Site = site; }
            public string What { get; }
            public string? Site { get; }
        }

        /// <summary>
        /// Whether the path from segment <paramref name="i"/> on is one of Tableau's own addresses rather than part of a
        /// proxy's prefix: t/&lt;site&gt;/... (a page of a site, as shared links read), views/... and authoring/... (a page of
        /// the Default site), site/&lt;site&gt;/... (a site's page typed without its #), vizportal/... (the web client's
        /// calls) and api/&lt;version&gt;/... (the REST API). Each needs the segment after it, so a prefix that merely
        /// ends in such a word stays a prefix.
        /// </summary>
        private static Page? PageAt(string[] segments, int i)
        {
            if (i + 1 >= segments.Length) return null;
            var next = Uri.UnescapeDataString(segments[i + 1]);
            if (next.Length == 0) return null;
            switch (Uri.UnescapeDataString(segments[i]).ToLowerInvariant())
            {
                case "t":
                case "site":
                    return new Page($"a page on site '{next}'", next);
                case "views":
                case "authoring":
                    return new Page("a page on the Default site", null);
                case "vizportal":
                    return new Page("a call of Tableau's web client", null);
                case "api":
                    return ApiVersion.IsMatch(next) ? new Page("a call of Tableau's REST API", null) : null;
                default:
                    return null;
            }
        }

        /// <summary>The site the # part names: its contentUrl, "" for the Default site, null for none.</summary>
        private static string? SiteOf(Uri serverUrl, string original)
        {
            var fragment = serverUrl.Fragment;
            if (fragment.Length <= 1) return null;
            var route = Uri.UnescapeDataString(fragment.Substring(1));
            var query = route.IndexOf('?');
            if (query >= 0) route = route.Substring(0, query);
            if (!route.StartsWith("/", StringComparison.Ordinal))
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl,
                    $"'{original}' ends in '{fragment}', which is not the address of a Tableau page: those read " +
                    "/#/site/<contentUrl>/... on a site and /#/... on the Default site.");
            var parts = route.Substring(1).Split('/');
            if (Array.TrueForAll(parts, p => p.Length == 0)) return null; // "#/": the web client's start, no site named
            if (!parts[0].Equals("site", StringComparison.OrdinalIgnoreCase)) return "";
            var site = parts.Length > 1 ? parts[1].Trim() : "";
            if (site.Length == 0)
                throw ClientErrors.InvalidArgument(ErrorIds.InvalidServerUrl, $"'{original}' has '#/site/' with no site's contentUrl after it.");
            return site;
        }
    }
}
