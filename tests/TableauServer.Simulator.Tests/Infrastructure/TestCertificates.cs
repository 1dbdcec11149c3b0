using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TableauServer.Simulator.Tests.Infrastructure;

/// <summary>Self-signed server certificates made in the test, as a developer would make one for a loopback listener.</summary>
public static class TestCertificates
{
    /// <summary>SAN IP 127.0.0.1 and DNS localhost, valid from a minute ago for a day.</summary>
    public static X509Certificate2 ForLoopback() => Create(new[] { "localhost" }, new[] { IPAddress.Loopback });

    /// <summary>Names only <paramref name="dnsName"/>, so https://127.0.0.1/… does not match it.</summary>
    public static X509Certificate2 ForName(string dnsName) => Create(new[] { dnsName }, Array.Empty<IPAddress>());

    /// <summary>Loopback names, but its validity ended yesterday.</summary>
    public static X509Certificate2 ExpiredForLoopback() =>
        Create(new[] { "localhost" }, new[] { IPAddress.Loopback }, DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddDays(-1));

    public static X509Certificate2 Create(string[] dnsNames, IPAddress[] addresses, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=TableauServer.Simulator.Tests destination", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        foreach (var address in addresses)
        {
            names.AddIpAddress(address);
        }

        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, critical: false));
        using var ephemeral = request.CreateSelfSigned(notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(1));

        // Through PFX so Kestrel's SslStream can use the private key on every platform.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pfx), password: null);
    }

    /// <summary>Upper-case SHA-256 hex of the whole certificate, the simulator's thumbprint format.</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
