using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace TableauWebhooks.Isolation
{
    /// <summary>
    /// The module's own load context on PowerShell 7. Every assembly that has a file in the module's dependencies/
    /// folder is loaded from there, so the module's copies of System.Text.Json, Microsoft.Extensions.* and the rest
    /// win over whatever version PowerShell, the runtime or another module has put into the default context;
    /// anything else (System.Runtime, netstandard, System.Net.Http, ...) is left to the default context, so the
    /// types the module and its REST client pass between them (string, Uri, Task, SecureString, ...) are the same
    /// types on both sides.
    /// </summary>
    internal sealed class DependencyLoadContext : AssemblyLoadContext
    {
        private readonly string _dependencyDirectory;

        public DependencyLoadContext(string dependencyDirectory)
            : base("TableauWebhooks.Dependencies", isCollectible: false)
        {
            _dependencyDirectory = dependencyDirectory;
        }

        /// <summary>Whether the dependencies folder has a file for this assembly.</summary>
        public bool Contains(AssemblyName assemblyName) => PathOf(assemblyName) != null;

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            // Simple name to file name, as the layout has exactly one file per assembly. No version check: only the
            // client and its dependencies load here, and they were built and laid out together.
            var path = PathOf(assemblyName);
            // null hands the request to the default context (framework and PowerShell assemblies).
            return path != null ? LoadFromAssemblyPath(path) : null;
        }

        private string? PathOf(AssemblyName assemblyName)
        {
            if (string.IsNullOrEmpty(assemblyName.Name)) return null;
            var path = Path.Combine(_dependencyDirectory, assemblyName.Name + ".dll");
            return File.Exists(path) ? path : null;
        }
    }
}
