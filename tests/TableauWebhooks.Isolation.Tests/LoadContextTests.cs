using System;
using System.IO;
using System.Linq;
using System.Runtime.Loader;
using Xunit;

namespace TableauWebhooks.Isolation.Tests
{
    /// <summary>
    /// Where the module's assemblies load in this process. Order-independent: other tests may already have used the
    /// module, so "nothing is loaded right after Import-Module" is checked in a fresh process (ProbeTests).
    /// </summary>
    public sealed class LoadContextTests : IsolationScope
    {
        [Fact]
        public void Layout_keeps_only_the_module_assembly_and_the_isolation_assembly_beside_the_manifest()
        {
            var rootAssemblies = Directory.GetFiles(ModuleFolder, "*.dll").Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(new[] { "TableauWebhooks.Isolation.dll", "TableauWebhooks.dll" }, rootAssemblies);
            foreach (var dependency in new[] { "TableauWebhooks.Client.dll", "System.Text.Json.dll", "Microsoft.Extensions.Http.dll", "System.Memory.dll" })
                Assert.True(File.Exists(Path.Combine(DependencyFolder, dependency)), dependency + " is missing from dependencies/");
        }

        [Fact]
        public void Module_assembly_references_only_the_framework_PowerShell_and_the_client()
        {
            // No System.Text.Json, Microsoft.Extensions.* or System.Memory: the module reaches them only through the client.
            var references = ModuleAssembly.GetReferencedAssemblies().Select(r => r.Name).OrderBy(n => n, StringComparer.OrdinalIgnoreCase);
            Assert.Equal(new[] { "netstandard", "System.Management.Automation", "TableauWebhooks.Client" }, references);
        }

        [Fact]
        public void After_connecting_the_client_and_its_dependencies_live_in_the_module_context_not_the_default_one()
        {
            Run(ConnectAsAdmin, ServerUrl);

            var all = AppDomain.CurrentDomain.GetAssemblies();
            var client = Assert.Single(all, a => a.GetName().Name == "TableauWebhooks.Client");
            Assert.True(IsFromDependencyFolder(client), Describe(client));
            var context = AssemblyLoadContext.GetLoadContext(client)!;
            Assert.NotSame(AssemblyLoadContext.Default, context);
            Assert.Equal("TableauWebhooks.Dependencies", context.Name);

            // The client's own dependencies came from dependencies/ into that context: the module's 8.0 copies, although
            // this process's framework has System.Text.Json 10.
            foreach (var name in new[] { "System.Text.Json", "Microsoft.Extensions.Http", "Microsoft.Extensions.DependencyInjection" })
            {
                var loaded = Assert.Single(context.Assemblies, a => a.GetName().Name == name);
                Assert.True(IsFromDependencyFolder(loaded), Describe(loaded));
                Assert.Equal(8, loaded.GetName().Version!.Major);
            }
            Assert.All(context.Assemblies, a => Assert.True(IsFromDependencyFolder(a), Describe(a)));

            // Nothing of dependencies/ leaked into the default context, and the module assembly stayed there.
            Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, IsFromDependencyFolder);
            Assert.Same(AssemblyLoadContext.Default, AssemblyLoadContext.GetLoadContext(ModuleAssembly));
        }

        [Fact]
        public void Removing_and_importing_the_module_again_keeps_it_working()
        {
            Run("Remove-Module TableauWebhooks; Import-Module -Name $args[0] -ErrorAction Stop", Hosting.ModuleLayout.BuiltManifestPath);
            Run(ConnectAsAdmin, ServerUrl);
            Run("New-TableauWebhook -Name 'again' -Event WorkbookCreated -DestinationUrl $args[0]", Simulator.ReceiverBaseUrl + "again");
            Assert.Equal("again", Run("(Get-TableauWebhook).Name").Output.Single().BaseObject);
        }
    }
}
