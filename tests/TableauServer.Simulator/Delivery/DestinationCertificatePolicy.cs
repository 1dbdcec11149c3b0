using System;
using System.Linq;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace TableauServer.Simulator.Delivery;

/// <summary>
/// Decides whether a webhook destination's TLS certificate is good enough, the way Tableau needs "a valid certificate",
/// with two loopback-testing exceptions:
/// <list type="bullet">
/// <item>the built-in receiver's own self-signed certificate is pinned and always accepted (as before);</item>
/// <item>a certificate the test trusted (<see cref="TrustedCertificateStore"/>) is accepted as if a trusted CA had issued it:
/// only its issuer is forgiven, so it must still name the host the URL uses and be within its validity dates.</item>
/// </list>
/// Everything else must pass normal validation.
/// </summary>
internal sealed class DestinationCertificatePolicy
{
    private readonly string receiverThumbprint;
    private readonly TrustedCertificateStore trusted;

    public DestinationCertificatePolicy(X509Certificate2 receiverCertificate, TrustedCertificateStore trusted)
    {
        receiverThumbprint = TrustedCertificateStore.ThumbprintOf(receiverCertificate);
        this.trusted = trusted;
    }

    /// <summary>True to accept; otherwise <paramref name="rejection"/> says why, for the delivery's failure reason.</summary>
    public bool Accepts(string hostName, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors, out string rejection)
    {
        rejection = "";
        if (errors == SslPolicyErrors.None)
        {
            return true;
        }

        if (certificate is null)
        {
            rejection = "The destination presented no certificate.";
            return false;
        }

        var thumbprint = TrustedCertificateStore.ThumbprintOf(certificate);
        if (thumbprint == receiverThumbprint)
        {
            return true;
        }

        if (!trusted.IsTrusted(thumbprint))
        {
            rejection = $"The remote certificate is invalid ({Describe(errors, chain)}) and its SHA-256 thumbprint {thumbprint} is not trusted by the simulator.";
            return false;
        }

        // A CA-issued certificate for another name is refused by any client, so a pinned one is too.
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            rejection = $"The trusted certificate {thumbprint} does not match the host name '{hostName}'.";
            return false;
        }

        // Likewise an expired (or not yet valid) one; checked here because its chain errors are otherwise forgiven.
        var leaf = certificate as X509Certificate2 ?? X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
        var now = DateTime.Now;
        if (now < leaf.NotBefore || now > leaf.NotAfter)
        {
            rejection = $"The trusted certificate {thumbprint} is outside its validity period ({leaf.NotBefore:u} to {leaf.NotAfter:u}).";
            return false;
        }

        return true;
    }

    private static string Describe(SslPolicyErrors errors, X509Chain? chain)
    {
        var statuses = chain?.ChainStatus.Select(s => s.Status.ToString()).Distinct().ToArray() ?? Array.Empty<string>();
        return statuses.Length == 0 ? errors.ToString() : $"{errors}: {string.Join(", ", statuses)}";
    }
}
