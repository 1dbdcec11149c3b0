using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.Loader;
using System.Threading.Tasks;
using TableauServer.Simulator;
using TableauWebhooks.Hosting;
using Xunit;
using Xunit.Sdk;

namespace TableauWebhooks.Isolation.Tests
{
    /// <summary>Per test: a fresh simulator and a fresh runspace with the built module imported.</summary>
    public abstract class IsolationScope : IAsyncLifetime
    {
        protected const string ConnectAsAdmin = @"
$credential = [pscredential]::new('admin', [System.Net.NetworkCredential]::new('', 'admin').SecurePassword)
Connect-TableauServer -Server $args[0] -Credential $credential";

        protected SimulatorHost Simulator { get; private set; } = null!;
        protected HostedPowerShell Shell { get; private set; } = null!;
        protected string ServerUrl => Simulator.BaseUrl.ToString().TrimEnd('/');

        protected static string ModuleFolder => Path.GetDirectoryName(ModuleLayout.BuiltManifestPath)!;
        protected static string DependencyFolder => Path.Combine(ModuleFolder, "dependencies");

        public async Task InitializeAsync()
        {
            Simulator = await SimulatorHost.StartAsync();
            Shell = HostedPowerShell.WithModule();
        }

        public async Task DisposeAsync()
        {
            Shell?.Dispose();
            if (Simulator != null) await Simulator.DisposeAsync();
        }

        protected ScriptResult Run(string script, params object?[] arguments)
        {
            var result = Shell.Run(script, arguments);
            if (!result.Succeeded) throw new XunitException("The script failed: " + result.Describe());
            return result;
        }

        protected static bool IsFromDependencyFolder(Assembly assembly)
            => !assembly.IsDynamic && assembly.Location.StartsWith(DependencyFolder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

        /// <summary>The module assembly PowerShell loaded from out/TableauWebhooks (in this process's default context).</summary>
        protected static Assembly ModuleAssembly => AppDomain.CurrentDomain.GetAssemblies()
            .Single(a => a.GetName().Name == "TableauWebhooks" && !a.IsDynamic && a.Location == Path.Combine(ModuleFolder, "TableauWebhooks.dll"));

        protected static string Describe(Assembly assembly)
            => $"{assembly.GetName().Name} {assembly.GetName().Version} from {assembly.Location} in '{AssemblyLoadContext.GetLoadContext(assembly)?.Name}'";
    }
}
