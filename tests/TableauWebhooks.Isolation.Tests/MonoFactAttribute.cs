using System;
using System.IO;
using System.Linq;
using Xunit;

namespace TableauWebhooks.Isolation.Tests
{
    /// <summary>
    /// A fact that needs Mono (mono and mcs on PATH). On a developer's machine without it the test is skipped, with a
    /// reason that says what is not run and how to install it. Where <see cref="RequireVariable"/> is 1 (.ci/run sets
    /// it) it is never skipped: without Mono it runs and fails, so CI cannot pass with the .NET Framework path unrun.
    /// </summary>
    public sealed class MonoFactAttribute : FactAttribute
    {
        /// <summary>Set to 1 to make a missing Mono a failure rather than a skip.</summary>
        public const string RequireVariable = "TABLEAUWEBHOOKS_REQUIRE_MONO";

        private static readonly string[] Tools = { "mono", "mcs" };

        public MonoFactAttribute()
        {
            var missing = MissingTools();
            if (missing.Length > 0 && !Required)
                Skip = $"Mono is not installed ({Describe(missing)} not on PATH), so the module's .NET Framework path (Windows PowerShell 5.1's) "
                    + "is not run here. To run it, install Mono: apt-get install mono-runtime mono-devel (Debian, Ubuntu), brew install mono (macOS), "
                    + $"or see mono-project.com. CI sets {RequireVariable}=1, which makes a missing Mono fail this test instead.";
        }

        /// <summary>True where the environment says a missing Mono is a failure.</summary>
        public static bool Required => Environment.GetEnvironmentVariable(RequireVariable) == "1";

        /// <summary>Fails the test, naming what is missing and who asked for it, when Mono is not there.</summary>
        public static void AssertAvailable()
        {
            var missing = MissingTools();
            Assert.True(missing.Length == 0,
                $"{RequireVariable}=1 requires Mono for the .NET Framework path test, and {Describe(missing)} {(missing.Length > 1 ? "are" : "is")} not on PATH. "
                + "Install mono-runtime and mono-devel (.ci/run does with apt-get), or unset the variable to skip the test on this machine.");
        }

        private static string[] MissingTools() => Tools.Where(tool => !OnPath(tool)).ToArray();

        private static string Describe(string[] tools) => string.Join(" and ", tools);

        private static bool OnPath(string tool) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(dir => File.Exists(Path.Combine(dir, tool)));
    }
}
