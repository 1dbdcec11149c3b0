using System;
using System.IO;

namespace TableauWebhooks.Client.Tests.Support
{
    internal static class TestPaths
    {
        /// <summary>The repository root: the first ancestor of the test binaries holding Directory.Build.props.</summary>
        public static string? RepoRoot { get; } = FindRepoRoot();

        /// <summary>The shared TSC fixtures beside the repository (not copied into it).</summary>
        public static string? SharedFixtures
        {
            get
            {
                if (RepoRoot == null) return null;
                var dir = Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "reference", "fixtures"));
                return Directory.Exists(dir) ? dir : null;
            }
        }

        public static string SharedFixture(string name) => File.ReadAllText(Path.Combine(SharedFixtures!, name));

        public static string OwnData(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "TestData", name));

        private static string? FindRepoRoot()
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "Directory.Build.props"))) return dir.FullName;
            return null;
        }
    }

    /// <summary>A fact that is skipped, with the reason, when the shared reference fixtures are not next to the repository.</summary>
    public sealed class SharedFixtureFactAttribute : Xunit.FactAttribute
    {
        public SharedFixtureFactAttribute()
        {
            if (TestPaths.SharedFixtures == null)
                Skip = "Shared reference fixtures not found at <repo>/../shared/reference/fixtures; these TSC documents are not part of the repository.";
        }
    }
}
