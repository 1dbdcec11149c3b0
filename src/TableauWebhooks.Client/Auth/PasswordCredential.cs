using System;
using System.Security;

namespace TableauWebhooks.Client.Auth
{
    /// <summary>A user name and password.</summary>
    public sealed class PasswordCredential : TableauSignInCredential
    {
        public PasswordCredential(string userName, SecureString password)
        {
            UserName = userName ?? throw new ArgumentNullException(nameof(userName));
            Password = password ?? throw new ArgumentNullException(nameof(password));
        }

        public string UserName { get; }
        internal SecureString Password { get; }
        public override string Method => "Password";
        public override string SecretName => "password";
    }
}
