using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;
using Xunit;
using Xunit.Abstractions;

namespace TableauWebhooks.Isolation.Tests
{
    /// <summary>
    /// Runs tests/TableauWebhooks.ConflictProbe in its own process (its default context holds Microsoft.Extensions.Http
    /// 2.1, which this test process, carrying ASP.NET Core for the simulator, cannot) against a simulator started here.
    /// </summary>
    public sealed class ProbeTests : IAsyncLifetime
    {
        private static readonly string[] LifecycleSteps = { "import", "connect", "isolation", "new", "get", "set", "disable", "enable", "test", "remove", "disconnect" };
        private readonly ITestOutputHelper _output;
        private SimulatorHost _simulator = null!;

        public ProbeTests(ITestOutputHelper output) => _output = output;

        public async Task InitializeAsync() => _simulator = await SimulatorHost.StartAsync();
        public async Task DisposeAsync() => await _simulator.DisposeAsync();

        [Fact]
        public void Dependencies_first_the_lifecycle_works_beside_an_old_Microsoft_Extensions_Http()
        {
            var lines = RunProbe("dependencies-first");
            AssertSteps(lines, new[] { "old-extensions-http" }.Concat(LifecycleSteps.Select(s => s + "#1")));
            Assert.Contains(lines, l => l.StartsWith("STEP old-extensions-http: OK Microsoft.Extensions.Http 2.1.", StringComparison.Ordinal));
            // Both versions in one process: the old one in the default context, the module's in its own.
            Assert.Contains(lines, l => l.StartsWith("STEP isolation#1: OK", StringComparison.Ordinal)
                && l.Contains("Microsoft.Extensions.Http 2.1.1.0@Default+8.0.0.0@TableauWebhooks.Dependencies", StringComparison.Ordinal));
        }

        [Fact]
        public void Module_first_the_lifecycle_works_before_and_after_an_old_Microsoft_Extensions_Http_loads()
        {
            var lines = RunProbe("module-first");
            AssertSteps(lines, LifecycleSteps.Select(s => s + "#1").Append("old-extensions-http").Concat(LifecycleSteps.Select(s => s + "#2")));
        }

        [Fact]
        public void Import_loads_no_dependency_and_the_first_connect_loads_them_into_the_module_context()
        {
            var lines = RunProbe("import-only");
            AssertSteps(lines, new[] { "import", "nothing-loaded-at-import", "connect", "loaded-after-connect" });
            Assert.Contains(lines, l => l.StartsWith("STEP loaded-after-connect: OK context 'TableauWebhooks.Dependencies'", StringComparison.Ordinal));
        }

        private string[] RunProbe(string order)
        {
            var run = ChildProcess.Run(DotnetHost, new[] { ProbePath, order, _simulator.BaseUrl.ToString(), ModuleLayout.BuiltManifestPath, _simulator.ReceiverBaseUrl.ToString() },
                TimeSpan.FromMinutes(3), $"The probe ({order})");
            var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            foreach (var line in lines) _output.WriteLine(line);
            if (run.StandardError.Length > 0) _output.WriteLine("stderr: " + run.StandardError);
            Assert.True(run.ExitCode == 0, $"The probe ({order}) exited with {run.ExitCode}:{Environment.NewLine}{run.StandardOutput}{run.StandardError}");
            return lines;
        }

        private static void AssertSteps(string[] lines, System.Collections.Generic.IEnumerable<string> expected)
        {
            var steps = lines.Where(l => l.StartsWith("STEP ", StringComparison.Ordinal)).ToList();
            Assert.Equal(expected.ToList(), steps.Select(l => l.Substring(5, l.IndexOf(':') - 5)).ToList());
            Assert.All(steps, l => Assert.Contains(": OK", l));
            Assert.Equal("RESULT: OK", lines.Last());
        }

        /// <summary>The dotnet running this test (the SDK sets DOTNET_HOST_PATH), else the one on PATH.</summary>
        private static string DotnetHost => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } path ? path : "dotnet";

        /// <summary>The probe built in the same configuration as this test assembly.</summary>
        private static string ProbePath
        {
            get
            {
                var configuration = typeof(ProbeTests).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
                var path = Path.Combine(ModuleLayout.RepositoryRoot, "tests", "TableauWebhooks.ConflictProbe", "bin", configuration, "net10.0", "TableauWebhooks.ConflictProbe.dll");
                if (!File.Exists(path)) throw new FileNotFoundException($"The conflict probe is missing at {path}. Build the solution first.", path);
                return path;
            }
        }
    }
}
