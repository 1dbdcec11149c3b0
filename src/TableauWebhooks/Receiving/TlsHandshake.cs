using System;
using System.Net.Security;
using System.Reflection;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using System.Threading;
using System.Threading.Tasks;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// The server side of a TLS handshake with one certificate for every connection. On .NET 5 and later (PowerShell 7) the
    /// certificate's context (its chain, built once) is made once and reused, as Kestrel does: given only the certificate,
    /// SslStream builds it again for every handshake, which a receiver closing slow connections after a few seconds pays
    /// hundreds of times a second under attack. The module is built for netstandard2.0, so those types are reached by
    /// reflection; where they are missing (Windows PowerShell 5.1) it is the plain handshake.
    /// </summary>
    internal sealed class TlsHandshake
    {
        private readonly X509Certificate2 _certificate;
        private readonly Func<SslStream, Task>? _withContext;

        public TlsHandshake(X509Certificate2 certificate)
        {
            _certificate = certificate;
            _withContext = WithCachedContext(certificate);
        }

        public Task AuthenticateAsync(SslStream stream) => _withContext != null
            ? _withContext(stream)
            : stream.AuthenticateAsServerAsync(_certificate, clientCertificateRequired: false, SslProtocols.None, checkCertificateRevocation: false);

        private static Func<SslStream, Task>? WithCachedContext(X509Certificate2 certificate)
        {
            try
            {
                var security = typeof(SslStream).Assembly;
                var contextType = security.GetType("System.Net.Security.SslStreamCertificateContext");
                var optionsType = security.GetType("System.Net.Security.SslServerAuthenticationOptions");
                if (contextType == null || optionsType == null) return null;
                var create = contextType.GetMethod("Create", BindingFlags.Public | BindingFlags.Static, null,
                    new[] { typeof(X509Certificate2), typeof(X509Certificate2Collection), typeof(bool) }, null);
                var authenticate = typeof(SslStream).GetMethod("AuthenticateAsServerAsync", new[] { optionsType, typeof(CancellationToken) });
                var contextProperty = optionsType.GetProperty("ServerCertificateContext");
                if (create == null || authenticate == null || contextProperty == null) return null;
                var context = create.Invoke(null, new object?[] { certificate, null, true });
                return stream =>
                {
                    // One options object per handshake: SslStream may keep a reference to it.
                    var options = Activator.CreateInstance(optionsType)!;
                    contextProperty.SetValue(options, context);
                    optionsType.GetProperty("ClientCertificateRequired")?.SetValue(options, false);
                    return (Task)authenticate.Invoke(stream, new object[] { options, CancellationToken.None })!;
                };
            }
            catch (Exception ex) when (ex is TargetInvocationException || ex is ArgumentException || ex is MemberAccessException || ex is NotSupportedException)
            {
                return null;
            }
        }
    }
}
