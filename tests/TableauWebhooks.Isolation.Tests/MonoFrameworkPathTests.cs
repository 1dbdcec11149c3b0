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
    /// The Windows PowerShell 5.1 path of the built module, as far as it runs without Windows: on Mono, a .NET
    /// Framework 4.x runtime. MonoHarness/Harness.cs is compiled here with mcs, loads out/TableauWebhooks/TableauWebhooks.dll
    /// by path, hooks the module's own DependencyResolver and drives the client from dependencies/ against a simulator
    /// started here, beside an older Microsoft.Extensions.Http loaded first. Not PowerShell: see the README.
    /// </summary>
    public sealed class MonoFrameworkPathTests : IAsyncLifetime
    {
        private static readonly string[] Steps =
        {
            "runtime", "decoy", "install-resolver", "load-client", "tls", "signin-password", "tls-at-sign-in", "create", "list",
            "update", "test", "resign-in", "delete", "signin-token", "resolve-requests", "dependencies-from-folder", "decoy-coexists", "no-sma",
        };

        private readonly ITestOutputHelper _output;
        private SimulatorHost _simulator = null!;
        private string _work = "";

        public MonoFrameworkPathTests(ITestOutputHelper output) => _output = output;

        public async Task InitializeAsync()
        {
            _work = Path.Combine(Path.GetTempPath(), "tw-mono-" + Guid.NewGuid().ToString("N"));
            Directory.CreateDirectory(_work);
            _simulator = await SimulatorHost.StartAsync(SimulatorOptions.CreateDefault());
        }

        public async Task DisposeAsync()
        {
            await _simulator.DisposeAsync();
            try { Directory.Delete(_work, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }

        [MonoFact]
        public void The_module_resolver_serves_the_client_and_its_dependencies_on_a_Framework_runtime()
        {
            var harness = Path.Combine(_work, "Harness.exe");
            Run("mcs", "-nologo", "-target:exe", "-langversion:7", "-r:System.dll", "-r:System.Core.dll", "-out:" + harness, HarnessSource);

            var lines = Run("mono", harness, ModuleFolder, _simulator.BaseUrl.ToString(), _simulator.ReceiverBaseUrl.ToString(), DecoyPath);

            var steps = lines.Where(l => l.StartsWith("STEP ", StringComparison.Ordinal)).ToList();
            Assert.Equal(Steps, steps.Select(l => l.Substring(5, l.IndexOf(':') - 5)));
            Assert.All(steps, l => Assert.Contains(": OK ", l));
            Assert.Equal("DONE: all steps passed", lines.Last());

            // The TLS step adds TLS 1.2 and keeps what was there, on its own and when a sign-in runs it.
            Assert.Contains("STEP tls: OK before Tls11; after Tls11, Tls12", lines);
            Assert.Contains("STEP tls-at-sign-in: OK before Tls11; after Tls11, Tls12", lines);
            // The client came from dependencies/ through the module's handler, not from beside the harness.
            Assert.Contains(lines, l => l.StartsWith("STEP load-client: OK TableauWebhooks.Client, ", StringComparison.Ordinal)
                && l.EndsWith(Path.Combine(DependencyFolder, "TableauWebhooks.Client.dll"), StringComparison.Ordinal));
            // On Mono the runtime asks the handlers for the client only: it finds the client's dependencies itself, in
            // the folder the client was loaded from (LoadFrom). So the handler is needed for TableauWebhooks.Client and
            // the rest of dependencies/ would load without it; a change there shows up here.
            Assert.Contains("STEP resolve-requests: OK the runtime asked the handlers for: TableauWebhooks.Client", lines);
            // Everything else named like a file in dependencies/ came from there, but for one: Mono maps
            // System.Numerics.Vectors (which System.Memory references) to its own 4.0.0.0 in the GAC before
            // any resolve handler runs. A Mono trait; .NET Framework raises AssemblyResolve for it.
            Assert.Contains(lines, l => l.StartsWith("STEP dependencies-from-folder: OK ", StringComparison.Ordinal)
                && l.Contains("; from the runtime's GAC: System.Numerics.Vectors 4.0.0.0; from dependencies/: ", StringComparison.Ordinal)
                && l.Contains("Microsoft.Extensions.Http 8.0.0.0", StringComparison.Ordinal) && l.Contains("System.Text.Json 8.0.0.", StringComparison.Ordinal));
            // The decoy (2.1.1, loaded first) stays, and the module's own 8.0 is loaded beside it rather than reusing it.
            Assert.Contains("STEP decoy-coexists: OK Microsoft.Extensions.Http: 2.1.1.0 (decoy) + 8.0.0.0 (dependencies/)", lines);
            Assert.Contains(lines, l => l.StartsWith("STEP resign-in: OK after a 401: 401 -> signed in again", StringComparison.Ordinal));
        }

        private static string ModuleFolder => Path.GetDirectoryName(ModuleLayout.BuiltManifestPath)!;
        private static string DependencyFolder => Path.Combine(ModuleFolder, "dependencies");

        private static string HarnessSource => Path.Combine(ModuleLayout.RepositoryRoot, "tests", "TableauWebhooks.Isolation.Tests", "MonoHarness", "Harness.cs");

        /// <summary>Microsoft.Extensions.Http 2.1.1 (netstandard2.0), which the csproj's PackageDownload puts in the NuGet cache.</summary>
        private static string DecoyPath
        {
            get
            {
                var root = typeof(MonoFrameworkPathTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "NuGetPackageRoot").Value!;
                var path = Path.Combine(root, "microsoft.extensions.http", "2.1.1", "lib", "netstandard2.0", "Microsoft.Extensions.Http.dll");
                if (!File.Exists(path)) throw new FileNotFoundException($"The decoy is missing at {path}; restore the test project.", path);
                return path;
            }
        }

        private string[] Run(string program, params string[] arguments)
        {
            var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = _work };
            foreach (var argument in arguments) start.ArgumentList.Add(argument);
            var watch = Stopwatch.StartNew();
            using var process = Process.Start(start)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{program} did not finish in 2 minutes. Output so far: {stdout.Result}");
            }
            process.WaitForExit();
            var lines = stdout.Result.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            _output.WriteLine($"$ {program} {string.Join(' ', arguments)}  ({watch.ElapsedMilliseconds} ms, exit {process.ExitCode})");
            foreach (var line in lines) _output.WriteLine(line);
            if (stderr.Result.Length > 0) _output.WriteLine("stderr: " + stderr.Result);
            Assert.True(process.ExitCode == 0, $"{program} exited with {process.ExitCode}:{Environment.NewLine}{stdout.Result}{stderr.Result}");
            return lines;
        }
    }

    /// <summary>A fact that is skipped, with the reason, where Mono (mono and mcs) is not on PATH.</summary>
    public sealed class MonoFactAttribute : FactAttribute
    {
        public MonoFactAttribute()
        {
            var missing = new[] { "mono", "mcs" }.Where(tool => !OnPath(tool)).ToList();
            if (missing.Count > 0)
                Skip = $"Mono is not installed ({string.Join(" and ", missing)} not on PATH): the .NET Framework path of the module is not run. "
                    + "apt-get install mono-runtime mono-devel (as .ci/run does) to run it.";
        }

        private static bool OnPath(string tool) =>
            (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Any(dir => File.Exists(Path.Combine(dir, tool)));
    }
}
