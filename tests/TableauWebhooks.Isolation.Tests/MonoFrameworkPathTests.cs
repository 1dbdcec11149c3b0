using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
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
    /// started here, beside an older Microsoft.Extensions.Http loaded first; then reads a Tableau payload with the client's
    /// reader and receives deliveries with the module's listener and desk, over http and https. Not PowerShell: see the README.
    /// </summary>
    public sealed class MonoFrameworkPathTests : IAsyncLifetime
    {
        private static readonly string[] Steps =
        {
            "runtime", "decoy", "install-resolver", "load-client", "payload", "tls", "signin-password", "tls-at-sign-in", "create", "list",
            "update", "test", "resign-in", "delete", "signin-token", "receiver-http", "receiver-tls", "resolve-requests", "dependencies-from-folder",
            "decoy-coexists", "no-sma",
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
            // Reached without Mono only where CI requires it (the attribute skips otherwise): fail saying so, not with
            // "No such file or directory" from starting mcs.
            MonoFactAttribute.AssertAvailable();
            var harness = Path.Combine(_work, "Harness.exe");
            Run("mcs", "-nologo", "-target:exe", "-langversion:7", "-r:System.dll", "-r:System.Core.dll", "-out:" + harness, HarnessSource);

            var pfx = Path.Combine(_work, "receiver.pfx");
            File.WriteAllBytes(pfx, SelfSignedPfx(PfxPassword));

            var lines = Run("mono", harness, ModuleFolder, _simulator.BaseUrl.ToString(), _simulator.ReceiverBaseUrl.ToString(), DecoyPath, pfx, PfxPassword);

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
            // The payload reader is what first loaded System.Text.Json, from dependencies/, and a body that is not JSON is
            // the client's own error, not System.Text.Json's exception.
            Assert.Contains(lines, l => l.StartsWith("STEP payload: OK DatasourceRefreshFailed (known as DatasourceRefreshFailed), 'Sales', created 2026-11-30T06:00:00.0000000+00:00; "
                + "not JSON: TableauException InvalidWebhookPayload (The payload is not JSON: ", StringComparison.Ordinal)
                && l.EndsWith("; System.Text.Json 8.0.0.0 from dependencies/", StringComparison.Ordinal));
            // Accepted and queued once; refused by method and by path, and not queued.
            Assert.Contains(lines, l => l.StartsWith("STEP receiver-http: OK http: POST 200, GET 405, another path 404; queued 1: TableauWebhookDelivery DatasourceRefreshFailed 'Sales' at /***/ from 127.0.0.1;", StringComparison.Ordinal));
            // Over TLS the certificate is really checked: untrusted, the sender refuses it and the listener notes the failed
            // handshake with the sender's address; trusted (that one certificate), it is as over http.
            Assert.Contains(lines, l => l.StartsWith("STEP receiver-tls: OK https (CN=127.0.0.1): not trusted, the sender refused it (TrustFailure) and the listener noted "
                + "\"Refused a connection from 127.0.0.1: the TLS handshake failed", StringComparison.Ordinal)
                && l.Contains("; trusted, POST 200, GET 405, another path 404; queued 1: TableauWebhookDelivery DatasourceRefreshFailed 'Sales' at /***/ from 127.0.0.1;", StringComparison.Ordinal));
        }

        private const string PfxPassword = "mono-harness";

        /// <summary>
        /// A self-signed certificate for 127.0.0.1 with its RSA key, as a PFX for the harness: Mono 6.8 has
        /// CertificateRequest but its constructor throws PlatformNotSupportedException, so .NET makes it here. Encrypted
        /// with 3DES and SHA-1, said rather than left to Export's default: Mono 6.8 reads that, but not a PBES2/AES-256
        /// PFX ("Unable to decode certificate").
        /// </summary>
        private static byte[] SelfSignedPfx(string password)
        {
            using var key = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var names = new SubjectAlternativeNameBuilder();
            names.AddIpAddress(IPAddress.Loopback);
            names.AddDnsName("localhost");
            request.CertificateExtensions.Add(names.Build());
            request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension(new OidCollection { new Oid("1.3.6.1.5.5.7.3.1") }, critical: false));
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            return certificate.ExportPkcs12(Pkcs12ExportPbeParameters.Pkcs12TripleDesSha1, password);
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
            var run = ChildProcess.Run(program, arguments, TimeSpan.FromMinutes(2), program, _work);
            var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            _output.WriteLine($"$ {program} {string.Join(' ', arguments)}  ({run.Took.TotalMilliseconds:0} ms, exit {run.ExitCode})");
            foreach (var line in lines) _output.WriteLine(line);
            if (run.StandardError.Length > 0) _output.WriteLine("stderr: " + run.StandardError);
            Assert.True(run.ExitCode == 0, $"{program} exited with {run.ExitCode}:{Environment.NewLine}{run.StandardOutput}{run.StandardError}");
            return lines;
        }
    }
}
