using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TableauServer.Simulator.Hosting;

/// <summary>A throw-away self-signed certificate for the built-in receiver (SAN: IP 127.0.0.1 and localhost).</summary>
internal static class ReceiverCertificate
{
    public static X509Certificate2 Create()
    {
        var now = DateTimeOffset.UtcNow;
        return Create("CN=TableauServer.Simulator receiver", new[] { "localhost" }, new[] { IPAddress.Loopback }, now.AddMinutes(-5), now.AddDays(7));
    }

    /// <summary>
    /// A self-signed P-256 server certificate (digital signature, server authentication) naming
    /// <paramref name="addresses"/> and <paramref name="dnsNames"/>, in that order, in its SAN.
    /// </summary>
    public static X509Certificate2 Create(string subject, string[] dnsNames, IPAddress[] addresses, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, critical: false));
        using var ephemeral = request.CreateSelfSigned(notBefore, notAfter);

        // Round-trip through PFX so the private key is usable by SslStream on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), password: null);
    }
}
