using System;
using System.Net;
using System.Runtime.InteropServices;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, whose default protocols can exclude TLS 1.2, which Tableau Cloud
    /// requires. We add TLS 1.2 to whatever the process already allows and never take anything away.
    /// </summary>
    internal static class TlsDefaults
    {
        public static void EnsureTls12OnNetFramework()
        {
            if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase)) return;
            var current = ServicePointManager.SecurityProtocol;
            // SystemDefault (0) already lets the OS pick TLS 1.2.
            if (current != 0 && (current & SecurityProtocolType.Tls12) == 0)
                ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
        }
    }
}
