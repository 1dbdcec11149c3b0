using System;
using System.Net.Sockets;
using System.Security.Authentication;
using TableauWebhooks.Client.Errors;

namespace TableauWebhooks.Client.Http
{
    /// <summary>Classifies a failure as a <see cref="Transience"/>, from its status and the exception chain behind it.</summary>
    internal static class TransienceRules
    {
        public static Transience Of(TableauException ex)
        {
            // A login page answered a sign-in: asking again would post the secret to it again.
            if (ex.ErrorId == ErrorIds.SignInIntercepted) return Transience.Permanent;
            switch (ex.HttpStatus)
            {
                case 429:
                case 503: return Transience.NotActed;
                // A gateway gave up waiting for Tableau, which may still have done the work.
                case 502:
                case 504: return Transience.OutcomeUnknown;
            }
            switch (ex.Kind)
            {
                case TableauErrorKind.Timeout:
                    return Transience.OutcomeUnknown;
                case TableauErrorKind.Connection:
                    // A name that does not resolve or a TLS handshake that fails (a bad certificate, or a port that
                    // speaks plain HTTP) fails the same way every time: say so at once instead of backing off.
                    if (IsTlsFailure(ex) || IsUnknownHost(ex)) return Transience.Permanent;
                    return WasRefused(ex) || IsDnsTryAgain(ex) ? Transience.NotActed : Transience.OutcomeUnknown;
                case TableauErrorKind.InvalidResponse:
                    // Truncated, malformed, empty or HTML on a success status: it worked or a proxy lied; either way repeatable.
                    return ex.HttpStatus >= 200 && ex.HttpStatus < 300 ? Transience.OutcomeUnknown : Transience.Permanent;
            }
            return Transience.Permanent;
        }

        /// <summary>Nothing was sent: the connection was refused (the server may be restarting).</summary>
        public static bool WasRefused(Exception ex) => SocketError(ex) == System.Net.Sockets.SocketError.ConnectionRefused;

        /// <summary>DNS says the name does not exist (or has no address): a typo, not a passing fault.</summary>
        public static bool IsUnknownHost(Exception ex)
            => SocketError(ex) is System.Net.Sockets.SocketError.HostNotFound or System.Net.Sockets.SocketError.NoData;

        /// <summary>The TLS handshake failed: a rejected certificate, or no TLS at all on that port.</summary>
        public static bool IsTlsFailure(Exception ex) => Find<AuthenticationException>(ex) != null;

        /// <summary>DNS could not answer for now (EAI_AGAIN): nothing was sent, and it may work in a moment.</summary>
        private static bool IsDnsTryAgain(Exception ex) => SocketError(ex) == System.Net.Sockets.SocketError.TryAgain;

        private static SocketError? SocketError(Exception ex) => Find<SocketException>(ex)?.SocketErrorCode;

        private static T? Find<T>(Exception? ex) where T : Exception
        {
            for (; ex != null; ex = ex.InnerException) if (ex is T t) return t;
            return null;
        }
    }
}
