using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;

namespace TableauWebhooks.Loading
{
    /// <summary>
    /// Keeps the module's dependencies (System.Text.Json, Microsoft.Extensions.Http and what they bring) apart from
    /// the versions PowerShell or another module may already have loaded, following PowerShell's documented pattern
    /// ("Resolving PowerShell module assembly dependency conflicts").
    /// <para>
    /// The module folder holds only this assembly (cmdlets and public types, loaded by PowerShell as usual) and
    /// TableauWebhooks.Isolation.dll; the REST client and every dependency are in dependencies/. TableauWebhooks.dll
    /// references TableauWebhooks.Client, so the first time a cmdlet touches the client the runtime fails to find it
    /// beside this assembly and asks the handler installed here:
    /// </para>
    /// <list type="bullet">
    /// <item>PowerShell 7 (.NET): TableauWebhooks.Isolation.dll answers from the module's own AssemblyLoadContext, which
    /// loads the client and its dependencies from dependencies/ (its own copies win) and leaves the framework to the
    /// default context. See <see cref="InstallLoadContext"/> for why that part is a separate assembly.</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework): <see cref="DependencyResolver"/> serves them from dependencies/
    /// through AppDomain.AssemblyResolve.</item>
    /// </list>
    /// Import does no more than hook that handler: nothing here touches a client type, so nothing is loaded until a
    /// cmdlet needs it.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        internal const string ClientAssemblyName = "TableauWebhooks.Client";
        internal const string DependencyFolderName = "dependencies";
        private const string IsolationAssemblyFileName = "TableauWebhooks.Isolation.dll";
        private const string IsolationTypeName = "TableauWebhooks.Isolation.DependencyIsolation";

        private static readonly object Gate = new object();
        // The module can be imported into several runspaces of one process (and again with -Force); the handler is
        // process-wide, so it is hooked on the first import and unhooked when the last import is removed.
        private static int _imports;
        private static Action? _uninstall;

        public void OnImport()
        {
            lock (Gate)
            {
                if (_imports++ > 0) return;
                var moduleDirectory = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? "";
                var dependencyDirectory = Path.Combine(moduleDirectory, DependencyFolderName);
                _uninstall = (IsDotNetCore ? InstallLoadContext(moduleDirectory, dependencyDirectory) : null)
                    ?? DependencyResolver.Install(dependencyDirectory);
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (_imports == 0 || --_imports > 0) return;
                _uninstall?.Invoke();
                _uninstall = null;
            }
        }

        /// <summary>PowerShell 7 runs on .NET, whose core library is System.Private.CoreLib; .NET Framework's is mscorlib.</summary>
        private static bool IsDotNetCore => typeof(object).Assembly.GetName().Name == "System.Private.CoreLib";

        /// <summary>
        /// Loads TableauWebhooks.Isolation.dll by path and calls its one entry point, which hooks the default context's
        /// Resolving event for the client and returns the action that unhooks it.
        /// <para>
        /// Why a separate net8.0 assembly called by reflection: this assembly targets netstandard2.0 (one build for
        /// both editions), where AssemblyLoadContext does not exist. Making the context's own copies win needs a
        /// subclass that overrides Load; a plain AssemblyLoadContext created by reflection would first take whatever
        /// the default context offers, i.e. the runtime's System.Text.Json or another module's Microsoft.Extensions.Http.
        /// The other way to compile one here, against the 2016 System.Runtime.Loader 4.3 reference package, would tie
        /// the assembly Windows PowerShell loads to an assembly .NET Framework does not have, through an API surface
        /// older than .NET Core 3.0 (no named contexts). So the subclass lives in a small assembly built for .NET
        /// only, which Windows PowerShell never loads, and this call is the one place the two meet.
        /// </para>
        /// Returns null when the isolation assembly cannot be used (e.g. a PowerShell 7 older than 7.4, whose .NET
        /// predates net8.0): the module then falls back to <see cref="DependencyResolver"/>, which works but does not
        /// isolate.
        /// </summary>
        private static Action? InstallLoadContext(string moduleDirectory, string dependencyDirectory)
        {
            try
            {
                var isolation = Assembly.LoadFrom(Path.Combine(moduleDirectory, IsolationAssemblyFileName));
                var install = isolation.GetType(IsolationTypeName, throwOnError: true)!
                    .GetMethod("Install", BindingFlags.Public | BindingFlags.Static, null, new[] { typeof(string), typeof(string) }, null);
                return (Action?)install?.Invoke(null, new object[] { dependencyDirectory, ClientAssemblyName });
            }
            catch (Exception ex) when (ex is IOException || ex is BadImageFormatException || ex is TypeLoadException
                || ex is TargetInvocationException || ex is MissingMethodException)
            {
                return null;
            }
        }
    }
}
