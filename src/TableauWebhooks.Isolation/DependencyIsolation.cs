using System;
using System.Reflection;
using System.Runtime.Loader;

namespace TableauWebhooks.Isolation
{
    /// <summary>
    /// The one entry point TableauWebhooks.dll calls (by reflection, as it targets netstandard2.0 and cannot see
    /// AssemblyLoadContext). It hooks the default context's Resolving event for the REST client assembly only: the
    /// module assembly references TableauWebhooks.Client, the default context cannot find it (it is in
    /// dependencies/, not beside TableauWebhooks.dll), and this answer loads it into <see cref="DependencyLoadContext"/>,
    /// which then loads the client's own dependencies itself. Nothing is loaded until a cmdlet first uses the client.
    /// </summary>
    public static class DependencyIsolation
    {
        private static readonly object Gate = new object();
        private static DependencyLoadContext? _context;
        private static string? _entryAssemblyName;
        private static bool _hooked;

        /// <summary>
        /// Hooks AssemblyLoadContext.Default.Resolving so that <paramref name="entryAssemblyName"/> is served from
        /// <paramref name="dependencyDirectory"/> through the module's load context. Returns the action that unhooks
        /// it (for IModuleAssemblyCleanup). Calling it again is harmless. The load context is created once per
        /// process and kept: once the client has been loaded into it, the default context keeps answering with that
        /// same assembly, so a second context would only hold unused copies.
        /// </summary>
        public static Action Install(string dependencyDirectory, string entryAssemblyName)
        {
            if (string.IsNullOrEmpty(dependencyDirectory)) throw new ArgumentNullException(nameof(dependencyDirectory));
            if (string.IsNullOrEmpty(entryAssemblyName)) throw new ArgumentNullException(nameof(entryAssemblyName));
            lock (Gate)
            {
                _context ??= new DependencyLoadContext(dependencyDirectory);
                _entryAssemblyName = entryAssemblyName;
                if (!_hooked)
                {
                    AssemblyLoadContext.Default.Resolving += OnDefaultResolving;
                    _hooked = true;
                }
            }
            return Uninstall;
        }

        private static void Uninstall()
        {
            lock (Gate)
            {
                if (!_hooked) return;
                AssemblyLoadContext.Default.Resolving -= OnDefaultResolving;
                _hooked = false;
            }
        }

        /// <summary>
        /// Raised only after the default context failed to find an assembly. Answers for the client alone, so the
        /// module never serves another module's or PowerShell's requests; the client's dependencies are resolved by
        /// the module's load context, not here.
        /// </summary>
        private static Assembly? OnDefaultResolving(AssemblyLoadContext defaultContext, AssemblyName name)
        {
            var context = _context;
            if (context == null || !string.Equals(name.Name, _entryAssemblyName, StringComparison.OrdinalIgnoreCase)) return null;
            // A module folder without the client (a broken install) gets the default context's own "not found".
            return context.Contains(name) ? context.LoadFromAssemblyName(name) : null;
        }
    }
}
