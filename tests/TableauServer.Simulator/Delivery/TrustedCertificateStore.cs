using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace TableauServer.Simulator.Delivery;

/// <summary>
/// The destination certificates a test told the simulator to trust, by SHA-256 hash of the whole certificate (the same
/// pin the built-in receiver gets). Starts with <see cref="SimulatorOptions.TrustedCertificateFiles"/>; thread-safe,
/// because the control API changes it while deliveries read it.
/// </summary>
internal sealed class TrustedCertificateStore
{
    private readonly object gate = new();
    private readonly IReadOnlyList<string> startupThumbprints;
    private readonly List<string> thumbprints;

    private TrustedCertificateStore(IEnumerable<string> startupThumbprints)
    {
        this.startupThumbprints = startupThumbprints.Distinct().ToList();
        thumbprints = this.startupThumbprints.ToList();
    }

    /// <summary>Trusts the certificate in each file from the start; an unreadable file is an <see cref="ArgumentException"/>.</summary>
    public static TrustedCertificateStore FromFiles(IEnumerable<string> paths) => new(paths.Select(path =>
    {
        using var certificate = CertificateText.Load(path);
        return ThumbprintOf(certificate);
    }).ToList());

    /// <summary>Trusted thumbprints (upper-case SHA-256 hex) in the order they were added.</summary>
    public IReadOnlyList<string> Thumbprints
    {
        get
        {
            lock (gate)
            {
                return thumbprints.ToArray();
            }
        }
    }

    /// <summary>Trusts <paramref name="certificate"/> as a destination's leaf certificate; returns its thumbprint.</summary>
    public string Trust(X509Certificate2 certificate)
    {
        var thumbprint = ThumbprintOf(certificate);
        lock (gate)
        {
            if (!thumbprints.Contains(thumbprint))
            {
                thumbprints.Add(thumbprint);
            }
        }

        return thumbprint;
    }

    public bool IsTrusted(string thumbprint)
    {
        lock (gate)
        {
            return thumbprints.Contains(thumbprint);
        }
    }

    /// <summary>Trusts nothing any more, not even the startup files (<c>DELETE /_simulator/trusted-certificates</c>).</summary>
    public void Clear()
    {
        lock (gate)
        {
            thumbprints.Clear();
        }
    }

    /// <summary>Back to the startup files (part of <c>POST /_simulator/reset</c>).</summary>
    public void Reset()
    {
        lock (gate)
        {
            thumbprints.Clear();
            thumbprints.AddRange(startupThumbprints);
        }
    }

    public static string ThumbprintOf(X509Certificate certificate) =>
        Convert.ToHexString(certificate.GetCertHash(HashAlgorithmName.SHA256));
}
