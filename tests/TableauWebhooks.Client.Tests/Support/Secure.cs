using System.Security;

namespace TableauWebhooks.Client.Tests.Support
{
    internal static class Secure
    {
        public static SecureString String(string text)
        {
            var s = new SecureString();
            foreach (var c in text) s.AppendChar(c);
            s.MakeReadOnly();
            return s;
        }
    }
}
