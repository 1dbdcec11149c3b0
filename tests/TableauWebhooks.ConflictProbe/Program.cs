using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Net.Http;
using System.Reflection;
using System.Runtime.Loader;
using Microsoft.Extensions.DependencyInjection;
using TableauWebhooks.Hosting;

namespace TableauWebhooks.ConflictProbe
{
    /// <summary>
    /// Usage: TableauWebhooks.ConflictProbe &lt;order&gt; &lt;server-url&gt; &lt;manifest-path&gt; [receiver-url]
    /// <list type="bullet">
    /// <item>dependencies-first: use the old Microsoft.Extensions.Http (2.1) first, then import the module and run the lifecycle.</item>
    /// <item>module-first: import the module and run the lifecycle, then use the old Microsoft.Extensions.Http, then run the lifecycle again.</item>
    /// <item>import-only: import the module and check that no dependency is loaded yet; connect and check where they loaded.</item>
    /// </list>
    /// Prints one line per step ("STEP name: OK ..." or "STEP name: FAILED ...") and exits 0 only if every step worked.
    /// </summary>
    public static class Program
    {
        private static int _failures;

        public static int Main(string[] args)
        {
            if (args.Length < 3)
            {
                Console.Error.WriteLine("usage: TableauWebhooks.ConflictProbe dependencies-first|module-first|import-only <server-url> <manifest-path> [receiver-url]");
                return 2;
            }
            var order = args[0];
            var server = args[1].TrimEnd('/');
            var manifest = Path.GetFullPath(args[2]);
            // The simulator's receiver is on another port; without one given, the server itself is the destination and
            // Test-TableauWebhook is only required to return a result.
            var receiver = args.Length > 3 ? args[3] : null;
            var dependencies = Path.Combine(Path.GetDirectoryName(manifest)!, "dependencies");

            switch (order)
            {
                case "dependencies-first":
                    Step("old-extensions-http", UseOldExtensionsHttp);
                    Lifecycle(1, server, manifest, receiver, dependencies);
                    break;
                case "module-first":
                    Lifecycle(1, server, manifest, receiver, dependencies);
                    Step("old-extensions-http", UseOldExtensionsHttp);
                    Lifecycle(2, server, manifest, receiver, dependencies);
                    break;
                case "import-only":
                    ImportOnly(server, manifest, dependencies);
                    break;
                default:
                    Console.Error.WriteLine($"unknown order '{order}'");
                    return 2;
            }
            Console.WriteLine(_failures == 0 ? "RESULT: OK" : $"RESULT: FAILED ({_failures} step(s))");
            return _failures == 0 ? 0 : 1;
        }

        /// <summary>What another module built on Microsoft.Extensions.Http 2.1 would do: an IHttpClientFactory client.</summary>
        private static string UseOldExtensionsHttp()
        {
            var services = new ServiceCollection();
            services.AddHttpClient("other-module");
            using var provider = services.BuildServiceProvider();
            using var client = provider.GetRequiredService<IHttpClientFactory>().CreateClient("other-module");
            var assembly = typeof(HttpClientFactoryServiceCollectionExtensions).Assembly;
            var version = assembly.GetName().Version!;
            Check(version.Major == 2 && version.Minor == 1, $"expected Microsoft.Extensions.Http 2.1.x, got {version}");
            Check(AssemblyLoadContext.GetLoadContext(assembly) == AssemblyLoadContext.Default, "the old Microsoft.Extensions.Http is not in the default context");
            // And the framework's (newer) System.Text.Json, which is what the default context holds for everyone.
            var json = System.Text.Json.JsonSerializer.Serialize(new { probe = true });
            var jsonVersion = typeof(System.Text.Json.JsonSerializer).Assembly.GetName().Version!;
            Check(json == "{\"probe\":true}" && jsonVersion.Major >= 10, $"unexpected System.Text.Json {jsonVersion} in the default context");
            return $"Microsoft.Extensions.Http {version} and System.Text.Json {jsonVersion} in the default context";
        }

        private static void Lifecycle(int run, string server, string manifest, string? receiver, string dependencies)
        {
            using var shell = HostedPowerShell.Create();
            var name = $"probe-{run}";
            var destination = (receiver ?? server + "/") + $"probe-{run}";
            Guid id = Guid.Empty;

            Step($"import#{run}", () =>
            {
                Run(shell, "Import-Module -Name $args[0] -ErrorAction Stop", manifest);
                return "imported " + manifest;
            });
            Step($"connect#{run}", () =>
            {
                var session = Single(Run(shell, @"
$credential = [pscredential]::new('admin', [System.Net.NetworkCredential]::new('', 'admin').SecurePassword)
Connect-TableauServer -Server $args[0] -Credential $credential -PassThru", server));
                Check(Prop<string>(session, "UserName") == "admin", "signed in as someone else");
                return $"API {Prop<object>(session, "ApiVersion")}, {Prop<string>(session, "ProductVersion")}";
            });
            Step($"isolation#{run}", () => DescribeIsolation(dependencies));
            Step($"new#{run}", () =>
            {
                var created = Single(Run(shell, "New-TableauWebhook -Name $args[0] -Event DatasourceRefreshFailed -DestinationUrl $args[1]", name, destination));
                id = Prop<Guid>(created, "Id");
                Check(id != Guid.Empty, "no id");
                Check(Prop<bool>(created, "Enabled"), "created disabled");
                Check(Prop<string>(created, "Event") == "DatasourceRefreshFailed", "wrong event");
                return id.ToString();
            });
            Step($"get#{run}", () =>
            {
                var listed = Single(Run(shell, "Get-TableauWebhook -Name $args[0]", name));
                Check(Prop<Guid>(listed, "Id") == id, "another webhook listed");
                return "found " + name;
            });
            Step($"set#{run}", () =>
            {
                var renamed = Single(Run(shell, "Set-TableauWebhook -Id $args[0] -NewName $args[1] -PassThru", id, name + "-renamed"));
                Check(Prop<string>(renamed, "Name") == name + "-renamed", "not renamed");
                return "renamed";
            });
            Step($"disable#{run}", () =>
            {
                var disabled = Single(Run(shell, "Disable-TableauWebhook -Id $args[0] -Reason 'probe' -PassThru", id));
                Check(!Prop<bool>(disabled, "Enabled"), "still enabled");
                return "disabled";
            });
            Step($"enable#{run}", () =>
            {
                var enabled = Single(Run(shell, "Enable-TableauWebhook -Id $args[0] -PassThru", id));
                Check(Prop<bool>(enabled, "Enabled"), "still disabled");
                return "enabled";
            });
            Step($"test#{run}", () =>
            {
                var result = Single(Run(shell, "Test-TableauWebhook -Id $args[0]", id));
                var status = Prop<int>(result, "Status");
                if (receiver != null) Check(status == 200 && Prop<bool>(result, "Success"), $"destination answered {status}");
                return $"destination answered {status}";
            });
            Step($"remove#{run}", () =>
            {
                Run(shell, "Remove-TableauWebhook -Id $args[0] -Confirm:$false", id);
                Check(Run(shell, "@(Get-TableauWebhook | Where-Object Id -eq $args[0]).Count", id).Single().BaseObject is 0, "still listed");
                return "removed";
            });
            Step($"disconnect#{run}", () =>
            {
                Run(shell, "Disconnect-TableauServer");
                var after = shell.Run("Get-TableauWebhook");
                Check(after.AllErrors.Any(e => e.FullyQualifiedErrorId.StartsWith("TableauSessionNotConnected", StringComparison.Ordinal)), "still connected");
                return "disconnected";
            });
        }

        /// <summary>Right after Import-Module nothing of dependencies/ is loaded; after Connect-TableauServer it is, in the module's own context.</summary>
        private static void ImportOnly(string server, string manifest, string dependencies)
        {
            using var shell = HostedPowerShell.Create();
            Step("import", () =>
            {
                Run(shell, "Import-Module -Name $args[0] -ErrorAction Stop", manifest);
                return "imported " + manifest;
            });
            Step("nothing-loaded-at-import", () =>
            {
                var loaded = FromDependencies(dependencies).Select(a => a.GetName().Name)
                    .Concat(AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "TableauWebhooks.Client").Select(a => a.GetName().Name))
                    .Distinct().ToList();
                Check(loaded.Count == 0, "loaded at import: " + string.Join(", ", loaded));
                return "no assembly from dependencies/ and no TableauWebhooks.Client";
            });
            Step("connect", () =>
            {
                Run(shell, @"
$credential = [pscredential]::new('admin', [System.Net.NetworkCredential]::new('', 'admin').SecurePassword)
Connect-TableauServer -Server $args[0] -Credential $credential", server);
                return "connected";
            });
            Step("loaded-after-connect", () => DescribeIsolation(dependencies));
        }

        /// <summary>
        /// The client, Microsoft.Extensions.Http and System.Text.Json the module uses come from dependencies/ and live
        /// in one load context that is not the default one; nothing from dependencies/ is in the default context.
        /// </summary>
        private static string DescribeIsolation(string dependencies)
        {
            var ours = FromDependencies(dependencies);
            var names = ours.Select(a => a.GetName().Name).ToHashSet(StringComparer.Ordinal);
            foreach (var required in new[] { "TableauWebhooks.Client", "Microsoft.Extensions.Http", "System.Text.Json" })
                Check(names.Contains(required), required + " was not loaded from dependencies/");
            var contexts = ours.Select(AssemblyLoadContext.GetLoadContext).Distinct().ToList();
            Check(contexts.Count == 1, "dependencies loaded into " + contexts.Count + " contexts");
            Check(!contexts.Contains(AssemblyLoadContext.Default), "a dependency was loaded into the default context");
            var client = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name == "TableauWebhooks.Client").ToList();
            Check(client.Count == 1 && ours.Contains(client[0]), "TableauWebhooks.Client is not (only) the copy in dependencies/");

            string Versions(string name) => string.Join("+", AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => a.GetName().Name == name)
                .Select(a => $"{a.GetName().Version}@{AssemblyLoadContext.GetLoadContext(a)?.Name ?? "?"}"));
            return $"context '{contexts[0]?.Name}': {ours.Count} assemblies; Microsoft.Extensions.Http {Versions("Microsoft.Extensions.Http")}; System.Text.Json {Versions("System.Text.Json")}";
        }

        private static List<Assembly> FromDependencies(string dependencies)
        {
            var prefix = Path.GetFullPath(dependencies) + Path.DirectorySeparatorChar;
            return AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && a.Location.StartsWith(prefix, StringComparison.Ordinal))
                .ToList();
        }

        private static void Step(string name, Func<string> action)
        {
            try
            {
                Console.WriteLine($"STEP {name}: OK {action()}");
            }
            catch (Exception ex)
            {
                _failures++;
                Console.WriteLine($"STEP {name}: FAILED {ex.GetType().Name}: {ex.Message.Replace(Environment.NewLine, " ")}");
            }
        }

        private static IReadOnlyList<PSObject> Run(HostedPowerShell shell, string script, params object?[] arguments)
        {
            var result = shell.Run(script, arguments);
            if (!result.Succeeded) throw new InvalidOperationException(result.Describe());
            return result.Output;
        }

        private static PSObject Single(IReadOnlyList<PSObject> output)
        {
            Check(output.Count == 1, $"expected one object, got {output.Count}");
            return output[0];
        }

        private static T Prop<T>(PSObject value, string name)
        {
            var raw = value.Properties[name]?.Value ?? throw new InvalidOperationException($"no property {name}");
            return (T)LanguagePrimitives.ConvertTo(raw, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
        }

        private static void Check(bool condition, string failure)
        {
            if (!condition) throw new InvalidOperationException(failure);
        }
    }
}
