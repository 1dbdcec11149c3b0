using System;
using System.IO;
using Xunit;

namespace TableauServer.Simulator.Tests.Infrastructure;

/// <summary>
/// A fact that compares with Tableau's recorded documents in ../shared/reference/fixtures beside the clone: skipped, with
/// the reason, where that folder is absent (a clone elsewhere), never reported as passed.
/// </summary>
public sealed class SharedFixtureFactAttribute : FactAttribute
{
    public SharedFixtureFactAttribute()
    {
        if (SharedFixtures.Folder is null)
        {
            Skip = "Shared reference fixtures not found at <repo>/../shared/reference/fixtures; these recorded Tableau documents are not part of the repository.";
        }
    }
}

public static class SharedFixtures
{
    /// <summary>The fixtures folder beside the repository (found from the test's output folder upwards), or null.</summary>
    public static string? Folder { get; } = Find();

    private static string? Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Directory.Build.props")))
            {
                var fixtures = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "reference", "fixtures"));
                return Directory.Exists(fixtures) ? fixtures : null;
            }
        }

        return null;
    }
}
