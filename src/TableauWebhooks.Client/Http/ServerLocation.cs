using System;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Http
{
    /// <summary>What <see cref="ServerAddress.Parse"/> read from an address: the server root and the site it names, if any.</summary>
    public sealed class ServerLocation
    {
        internal ServerLocation(Uri root, string? siteContentUrl, string address)
        {
            Root = root;
            SiteContentUrl = siteContentUrl;
            Address = address;
        }

        /// <summary>The server root: scheme, host, port and any reverse proxy's path prefix.</summary>
        public Uri Root { get; }

        /// <summary>The contentUrl of the site the address names ("" the Default site), or null when it names none.</summary>
        public string? SiteContentUrl { get; }

        /// <summary>The address as given.</summary>
        public string Address { get; }

        /// <summary>
        /// The site to sign in to when <paramref name="requested"/> was also asked for (null: no site was): the one asked
        /// for, else the address's, else the Default site. contentUrls compare without case (docs/design.md, choices).
        /// </summary>
        /// <exception cref="TableauException">ServerUrlSiteConflict when the address names another site.</exception>
        public string SiteToSignInTo(string? requested)
        {
            if (requested == null) return SiteContentUrl ?? "";
            if (SiteContentUrl == null || string.Equals(requested, SiteContentUrl, StringComparison.OrdinalIgnoreCase)) return requested;
            throw ClientErrors.InvalidArgument(ErrorIds.ServerUrlSiteConflict,
                $"The address '{Address}' is of {ServerAddress.DescribeSite(SiteContentUrl)}, but {ServerAddress.DescribeSite(requested)} was asked for as well.");
        }
    }
}
