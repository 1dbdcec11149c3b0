using System;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using TableauServer.Simulator.Hosting;

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

    public static X509Certificate2 Create(string[] dnsNames, IPAddress[] addresses, DateTimeOffset? notBefore = null, DateTimeOffset? notAfter = null) =>
        ReceiverCertificate.Create("CN=TableauServer.Simulator.Tests destination", dnsNames, addresses,
            notBefore ?? DateTimeOffset.UtcNow.AddMinutes(-1), notAfter ?? DateTimeOffset.UtcNow.AddDays(1));

    /// <summary>Upper-case SHA-256 hex of the whole certificate, the simulator's thumbprint format.</summary>
    public static string Sha256Thumbprint(X509Certificate2 certificate) => certificate.GetCertHashString(HashAlgorithmName.SHA256);
}
