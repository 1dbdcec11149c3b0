using System;
using System.Runtime.InteropServices;
using System.Security;

namespace TableauWebhooks.Client.Auth
{
    /// <summary>
    /// How to sign in. Secrets are held as SecureString and turned into text only while a sign-in body is written,
    /// so a session can sign in again later without the plain secret living in memory in between.
    /// </summary>
    public abstract class TableauSignInCredential
    {
        private protected TableauSignInCredential() { }

        /// <summary>A short label for traces and the session object: Password, PersonalAccessToken or Jwt.</summary>
        public abstract string Method { get; }

        /// <summary>False when signing in again with the same credential cannot work (a JWT expires and is single-use).</summary>
        public virtual bool CanSignInAgain => true;

        internal static string Reveal(SecureString secret)
        {
            IntPtr ptr = IntPtr.Zero;
            try
            {
                ptr = Marshal.SecureStringToGlobalAllocUnicode(secret);
                return Marshal.PtrToStringUni(ptr) ?? "";
            }
            finally
            {
                if (ptr != IntPtr.Zero) Marshal.ZeroFreeGlobalAllocUnicode(ptr);
            }
        }
    }

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
    }

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
    }

    public sealed class JwtCredential : TableauSignInCredential
    {
        public JwtCredential(SecureString jwt)
        {
            Jwt = jwt ?? throw new ArgumentNullException(nameof(jwt));
        }

        internal SecureString Jwt { get; }
        public override string Method => "Jwt";
        // A connected-app JWT is short-lived (at most 10 minutes) and has a jti Tableau will not accept twice.
        public override bool CanSignInAgain => false;
    }
}
