using System;
using System.Collections.Generic;
using System.Globalization;
using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// What Receive-TableauWebhookEvent checks in a -Certificate before listening: Tableau refuses a certificate that is
    /// out of its validity period or not for the host it posts to, so a receiver started with one would answer nobody,
    /// and nobody would say why.
    /// </summary>
    internal static class CertificateCheck
    {
        private const string SubjectAlternativeNameOid = "2.5.29.17";

        /// <summary>Why the certificate cannot serve https at <paramref name="now"/>, or null when it can.</summary>
        public static string? Problem(X509Certificate2 certificate, DateTime now)
        {
            var name = $"The certificate '{certificate.Subject}' (thumbprint {certificate.Thumbprint})";
            if (!certificate.HasPrivateKey) return $"{name} has no private key, so it cannot serve https.";
            if (certificate.NotAfter.ToUniversalTime() < now.ToUniversalTime())
                return $"{name} expired on {Stamp(certificate.NotAfter)}; Tableau refuses an expired certificate, so no delivery would arrive.";
            if (certificate.NotBefore.ToUniversalTime() > now.ToUniversalTime())
                return $"{name} is not valid until {Stamp(certificate.NotBefore)}; Tableau refuses it until then, so no delivery would arrive.";
            return null;
        }

        /// <summary>The DNS names and IP addresses the certificate is for (its subject alternative names, else its common name).</summary>
        public static IReadOnlyList<string> Names(X509Certificate2 certificate)
        {
            var names = new List<string>();
            foreach (var extension in certificate.Extensions)
                if (extension.Oid?.Value == SubjectAlternativeNameOid) ReadAlternativeNames(extension.RawData, names);
            if (names.Count == 0)
            {
                var common = certificate.GetNameInfo(X509NameType.SimpleName, forIssuer: false);
                if (!string.IsNullOrEmpty(common)) names.Add(common);
            }
            return names;
        }

        /// <summary>Whether a sender that reaches this receiver as <paramref name="host"/> accepts the certificate's names (RFC 6125: a wildcard covers one label).</summary>
        public static bool Covers(X509Certificate2 certificate, string host)
        {
            var wanted = host.Trim().TrimEnd('.');
            var isAddress = IPAddress.TryParse(wanted.Trim('[', ']'), out var address);
            foreach (var name in Names(certificate))
            {
                if (isAddress)
                {
                    if (IPAddress.TryParse(name, out var named) && named.Equals(address)) return true;
                    continue;
                }
                if (string.Equals(name, wanted, StringComparison.OrdinalIgnoreCase)) return true;
                if (name.StartsWith("*.", StringComparison.Ordinal))
                {
                    var dot = wanted.IndexOf('.');
                    if (dot > 0 && string.Equals(name.Substring(1), wanted.Substring(dot), StringComparison.OrdinalIgnoreCase)) return true;
                }
            }
            return false;
        }

        private static string Stamp(DateTime time) => time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

        // SubjectAltName ::= SEQUENCE OF GeneralName; dNSName is [2] IA5String, iPAddress is [7] OCTET STRING (RFC 5280 4.2.1.6).
        // Read by hand: netstandard2.0 has no parser for it, and the text Format() gives differs between platforms.
        private static void ReadAlternativeNames(byte[] der, List<string> names)
        {
            var at = 0;
            if (!ReadHeader(der, ref at, out var tag, out var length) || tag != 0x30) return;
            var end = Math.Min(der.Length, at + length);
            while (at < end && ReadHeader(der, ref at, out tag, out length) && at + length <= end)
            {
                if (tag == 0x82)
                {
                    var chars = new char[length];
                    for (var i = 0; i < length; i++) chars[i] = (char)der[at + i];
                    names.Add(new string(chars));
                }
                else if (tag == 0x87 && (length == 4 || length == 16))
                {
                    var bytes = new byte[length];
                    Array.Copy(der, at, bytes, 0, length);
                    names.Add(new IPAddress(bytes).ToString());
                }
                at += length;
            }
        }

        private static bool ReadHeader(byte[] der, ref int at, out int tag, out int length)
        {
            tag = length = 0;
            if (at + 2 > der.Length) return false;
            tag = der[at++];
            int first = der[at++];
            if (first < 0x80)
            {
                length = first;
                return true;
            }
            var count = first & 0x7F;
            if (count == 0 || count > 3 || at + count > der.Length) return false;
            for (var i = 0; i < count; i++) length = (length << 8) | der[at++];
            return true;
        }
    }
}
