using System;
using System.Security;

namespace TableauWebhooks.Client.Auth
{
    /// <summary>A connected-app JSON Web Token: good for one sign-in only.</summary>
    public sealed class JwtCredential : TableauSignInCredential
    {
        public JwtCredential(SecureString jwt)
        {
            Jwt = jwt ?? throw new ArgumentNullException(nameof(jwt));
        }

        internal SecureString Jwt { get; }
        public override string Method => "Jwt";
        public override string SecretName => "JSON Web Token";
        // A connected-app JWT is short-lived (at most 10 minutes) and has a jti Tableau will not accept twice.
        public override bool CanSignInAgain => false;
    }
}
