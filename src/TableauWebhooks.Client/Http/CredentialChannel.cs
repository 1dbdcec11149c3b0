using System;
using System.Net;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// Where a password, token or JWT may travel: over https, or over plain http only to this machine (the simulator, a
    /// local proxy), as Invoke-RestMethod allows -Credential. Anything else needs AllowUnencryptedAuthentication.
    /// ApiTransport applies it to every request that carries a secret, so no path (sign-in, a sign-in redirect, a
    /// re-sign-in, a site switch, sign-out, any call with the session's token) can go around it.
    /// </summary>
    public static class CredentialChannel
    {
        /// <summary>Whether a secret sent to <paramref name="address"/> is safe from the network: https, or http to a loopback host.</summary>
        public static bool IsEncryptedOrLocal(Uri address)
        {
            if (address == null) throw new ArgumentNullException(nameof(address));
            return string.Equals(address.Scheme, Uri.UriSchemeHttps, StringComparison.OrdinalIgnoreCase) || IsLoopbackHost(address);
        }

        /// <summary>
        /// localhost, 127.0.0.0/8 or ::1, by the host the request will go to (no name is looked up: a name that merely
        /// resolves to 127.0.0.1 today is another machine's tomorrow).
        /// </summary>
        public static bool IsLoopbackHost(Uri address)
        {
            var host = address.Host.TrimEnd('.');
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)) return true;
            if (host.StartsWith("[", StringComparison.Ordinal)) host = host.Trim('[', ']');
            return IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip.IsIPv4MappedToIPv6 ? ip.MapToIPv4() : ip);
        }

        /// <summary>The refusal: names the address and what would have crossed the network in clear text.</summary>
        internal static TableauException Refused(Uri address, string secret, string? request)
        {
            var authority = address.GetLeftPart(UriPartial.Authority);
            return new TableauException(TableauErrorKind.InvalidArgument, ErrorIds.UnencryptedAuthentication,
                $"Refused to send the {secret} to {authority} over plain http: anyone on the network path could read it. " +
                "Use the server's https:// address, or, only where the network path is trusted, add -AllowUnencryptedAuthentication " +
                "(as for Invoke-RestMethod) to send it unencrypted anyway. Nothing was sent.")
            { Request = request };
        }
    }
}
