using System;
using System.IO;

namespace TableauWebhooks.Hosting
{
    /// <summary>Where the repository and the built module are, found from wherever the test or tool runs.</summary>
    public static class ModuleLayout
    {
        public static string RepositoryRoot { get; } = FindRepositoryRoot();

        /// <summary>out/TableauWebhooks/TableauWebhooks.psd1, which `dotnet build -c Release` at the root lays out.</summary>
        public static string BuiltManifestPath
        {
            get
            {
                var path = Path.Combine(RepositoryRoot, "out", "TableauWebhooks", "TableauWebhooks.psd1");
                if (!File.Exists(path))
                    throw new FileNotFoundException($"The built module is missing at {path}. Run `dotnet build -c Release` at the repository root first.", path);
                return path;
            }
        }

        private static string FindRepositoryRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "TableauWebhooks.sln"))) return dir.FullName;
            }
            throw new DirectoryNotFoundException($"No TableauWebhooks.sln above {AppContext.BaseDirectory}.");
        }
    }
}
