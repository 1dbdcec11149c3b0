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

        /// <summary>What a sign-in body carries, as messages name it: "password", "personal access token's secret", "JSON Web Token".</summary>
        public abstract string SecretName { get; }

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
}
