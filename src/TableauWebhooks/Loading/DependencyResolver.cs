using System;
using System.IO;
using System.Reflection;

namespace TableauWebhooks.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1 (.NET Framework), which has no AssemblyLoadContext: when the runtime cannot find an
    /// assembly, serve it from the module's dependencies/ folder by simple name, as PowerShell's documentation
    /// describes. On .NET Framework the versions of one process cannot be kept apart this way; the handler only makes
    /// sure the module finds its own files (which are not beside TableauWebhooks.dll) whatever versions were asked for,
    /// as there are no binding redirects for a module.
    /// <para>
    /// The build and test machines have no Windows PowerShell 5.1, so this path is kept as short as possible. It runs
    /// on Mono (a .NET Framework runtime) in tests/TableauWebhooks.Isolation.Tests/MonoFrameworkPathTests, without
    /// PowerShell. PowerShell 7 uses it only as a fallback when TableauWebhooks.Isolation.dll cannot be loaded.
    /// </para>
    /// </summary>
    internal static class DependencyResolver
    {
        private static string _dependencyDirectory = "";
        private static string _moduleAssemblyName = "";

        /// <summary>Hooks AppDomain.AssemblyResolve; returns the action that unhooks it.</summary>
        public static Action Install(string dependencyDirectory)
        {
            _dependencyDirectory = dependencyDirectory;
            _moduleAssemblyName = typeof(DependencyResolver).Assembly.GetName().Name ?? "";
            AppDomain.CurrentDomain.AssemblyResolve += OnAssemblyResolve;
            return () => AppDomain.CurrentDomain.AssemblyResolve -= OnAssemblyResolve;
        }

        private static Assembly? OnAssemblyResolve(object? sender, ResolveEventArgs args)
        {
            // Answer only this module and its dependencies. .NET Framework often does not say who asked; then the
            // name alone decides.
            var requester = args.RequestingAssembly;
            if (requester != null && requester.GetName().Name != _moduleAssemblyName && !IsInDependencyFolder(requester)) return null;

            var name = new AssemblyName(args.Name).Name;
            if (string.IsNullOrEmpty(name)) return null;
            var path = Path.Combine(_dependencyDirectory, name + ".dll");
            return File.Exists(path) ? Assembly.LoadFrom(path) : null;
        }

        private static bool IsInDependencyFolder(Assembly assembly)
        {
            var location = assembly.IsDynamic ? "" : assembly.Location;
            return location.Length > 0
                && string.Equals(Path.GetDirectoryName(location), _dependencyDirectory, StringComparison.OrdinalIgnoreCase);
        }
    }
}
