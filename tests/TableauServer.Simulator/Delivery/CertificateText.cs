using System;
using System.IO;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace TableauServer.Simulator.Delivery;

/// <summary>
/// Reads the one certificate a test hands over: PEM text (<c>-----BEGIN CERTIFICATE-----</c>), base64 DER, or (from a
/// file) raw DER. Anything else is an <see cref="ArgumentException"/> whose message says what was wrong, because it
/// ends up in a 400 answer or a startup error.
/// </summary>
internal static class CertificateText
{
    private const string Expected = "expected one certificate as PEM text (-----BEGIN CERTIFICATE-----) or base64 DER";

    public static X509Certificate2 Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException($"No certificate given; {Expected}.");
        }

        return text.Contains("-----BEGIN", StringComparison.Ordinal) ? FromPem(text) : FromBase64(text);
    }

    /// <summary>A .cer/.crt/.pem file: PEM, base64 DER, or raw DER.</summary>
    public static X509Certificate2 Load(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new ArgumentException($"Trusted certificate file '{path}' cannot be read: {ex.Message}");
        }

        try
        {
            return bytes.Length > 0 && bytes[0] == 0x30 // an ASN.1 SEQUENCE: raw DER
                ? FromDer(bytes)
                : Parse(Encoding.UTF8.GetString(bytes));
        }
        catch (ArgumentException ex)
        {
            throw new ArgumentException($"Trusted certificate file '{path}': {ex.Message}");
        }
    }

    private static X509Certificate2 FromPem(string text)
    {
        var certificates = new X509Certificate2Collection();
        try
        {
            certificates.ImportFromPem(text);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"The PEM text holds no readable certificate ({ex.Message}); {Expected}.");
        }

        // One leaf per pin: with a bundle it would be unclear which certificate the caller meant to trust.
        return certificates.Count switch
        {
            1 => certificates[0],
            0 => throw new ArgumentException($"The PEM text holds no CERTIFICATE block; {Expected}."),
            _ => throw new ArgumentException($"The PEM text holds {certificates.Count} certificates; give the destination's own (leaf) certificate only."),
        };
    }

    private static X509Certificate2 FromBase64(string text)
    {
        byte[] der;
        try
        {
            der = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new ArgumentException($"The text is neither PEM nor base64; {Expected}.");
        }

        return FromDer(der);
    }

    private static X509Certificate2 FromDer(byte[] der)
    {
        try
        {
            return X509CertificateLoader.LoadCertificate(der);
        }
        catch (CryptographicException ex)
        {
            throw new ArgumentException($"The bytes are not an X.509 certificate ({ex.Message}); {Expected}.");
        }
    }
}
