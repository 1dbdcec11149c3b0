using System;
using System.Security;

namespace TableauWebhooks.Client.Auth
{
    /// <summary>A personal access token: its name and secret.</summary>
    public sealed class PersonalAccessTokenCredential : TableauSignInCredential
    {
        public PersonalAccessTokenCredential(string tokenName, SecureString tokenSecret)
        {
            TokenName = tokenName ?? throw new ArgumentNullException(nameof(tokenName));
            TokenSecret = tokenSecret ?? throw new ArgumentNullException(nameof(tokenSecret));
        }

        public string TokenName { get; }
        internal SecureString TokenSecret { get; }
        public override string Method => "PersonalAccessToken";
        public override string SecretName => "personal access token's secret";
    }
}
