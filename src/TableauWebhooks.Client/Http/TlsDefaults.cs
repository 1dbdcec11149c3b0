using System.Net;

namespace TableauWebhooks.Client.Http
{
    /// <summary>
    /// Windows PowerShell 5.1 runs on .NET Framework, whose default protocols can exclude TLS 1.2, which Tableau Cloud
    /// requires. We add TLS 1.2 to whatever the process already allows and never take anything away.
    /// <para>
    /// "On .NET Framework" means a runtime whose core library is mscorlib, as ModuleInitializer decides the edition:
    /// that is .NET Framework and Mono (whose FrameworkDescription says "Mono ...", so keying on that text skipped
    /// the one Framework runtime the tests can run on), and never .NET (System.Private.CoreLib), whose defaults are fine.
    /// </para>
    /// </summary>
    internal static class TlsDefaults
    {
        public static void EnsureTls12OnNetFramework()
        {
            if (typeof(object).Assembly.GetName().Name != "mscorlib") return;
            var current = ServicePointManager.SecurityProtocol;
            // SystemDefault (0) already lets the OS pick TLS 1.2.
            if (current != 0 && (current & SecurityProtocolType.Tls12) == 0)
                ServicePointManager.SecurityProtocol = current | SecurityProtocolType.Tls12;
        }
    }
}
