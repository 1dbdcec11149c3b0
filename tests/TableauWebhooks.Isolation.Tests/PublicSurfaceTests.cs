using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using Xunit;

namespace TableauWebhooks.Isolation.Tests
{
    /// <summary>
    /// Scripts only ever see the module's own types and .NET's: a dependency type in a public signature would make
    /// PowerShell load it into the default context and the isolation would leak (PSResourceGet issue 1945).
    /// </summary>
    public sealed class PublicSurfaceTests : IsolationScope
    {
        public static TheoryData<string> OutputTypeNames => new TheoryData<string>
        {
            "TableauWebhooks.Output.TableauWebhook",
            "TableauWebhooks.Sessions.TableauSession",
            "TableauWebhooks.Output.TableauWebhookTestResult",
            "TableauWebhooks.Errors.TableauWebhooksException",
            "TableauWebhooks.Output.TableauWebhookSyncResult",
            "TableauWebhooks.Output.TableauWebhookFieldChange",
            "TableauWebhooks.Output.TableauWebhookPayload",
            "TableauWebhooks.Output.TableauWebhookDelivery",
            "TableauWebhooks.Output.TableauWebhookDocumentTestResult",
            "TableauWebhooks.Output.TableauWebhookDocumentProblem",
        };

        [Theory]
        [MemberData(nameof(OutputTypeNames))]
        public void Output_types_resolve_as_type_literals_from_the_module_assembly(string typeName)
        {
            var type = Assert.IsAssignableFrom<Type>(Run($"[{typeName}]").Output.Single().BaseObject);
            Assert.Equal(typeName, type.FullName);
            Assert.Same(ModuleAssembly, type.Assembly);
        }

        [Fact]
        public void Cmdlet_parameters_and_outputs_use_only_module_and_framework_types()
        {
            var cmdlets = Run("Get-Command -Module TableauWebhooks -CommandType Cmdlet").Output.Select(o => (CmdletInfo)o.BaseObject).ToList();
            Assert.Equal(18, cmdlets.Count);

            var offending = new List<string>();
            var seen = new HashSet<Type>();
            void Visit(Type type, string where)
            {
                if (type.IsArray || type.IsByRef || type.IsPointer) { Visit(type.GetElementType()!, where); return; }
                if (type.IsGenericType && !type.IsGenericTypeDefinition)
                {
                    foreach (var argument in type.GetGenericArguments()) Visit(argument, where);
                    Visit(type.GetGenericTypeDefinition(), where);
                    return;
                }
                if (!seen.Add(type)) return;
                if (!IsAllowed(type.Assembly)) offending.Add($"{where}: {type.FullName} from {type.Assembly.GetName().Name}");
                else if (type.Assembly == ModuleAssembly)
                {
                    // The module's own public types: what a script can reach from them must be allowed too.
                    if (type.BaseType != null) Visit(type.BaseType, type.FullName + " base type");
                    foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
                        Visit(property.PropertyType, $"{type.FullName}.{property.Name}");
                }
            }

            foreach (var cmdlet in cmdlets)
            {
                foreach (var parameter in cmdlet.Parameters.Values)
                    Visit(parameter.ParameterType, $"{cmdlet.Name} -{parameter.Name}");
                var declared = cmdlet.ImplementingType.GetCustomAttributes<OutputTypeAttribute>(inherit: true).SelectMany(a => a.Type).ToList();
                Assert.NotEmpty(declared);
                foreach (var output in declared)
                {
                    Assert.True(output.Type != null, $"{cmdlet.Name} declares an output type PowerShell cannot resolve: {output.Name}");
                    Visit(output.Type!, $"{cmdlet.Name} [OutputType]");
                }
            }

            Assert.True(offending.Count == 0, "Types from outside the module and the framework:" + Environment.NewLine + string.Join(Environment.NewLine, offending));
        }

        [Fact]
        public void The_surface_check_rejects_the_client_and_its_dependencies()
        {
            Run(ConnectAsAdmin, ServerUrl);
            var fromDependencies = AppDomain.CurrentDomain.GetAssemblies().Where(IsFromDependencyFolder).ToList();
            Assert.Contains(fromDependencies, a => a.GetName().Name == "TableauWebhooks.Client");
            Assert.All(fromDependencies, a => Assert.False(IsAllowed(a), Describe(a)));
        }

        /// <summary>TableauWebhooks.dll, PowerShell's engine, or the .NET runtime's own folder; never the client or dependencies/.</summary>
        private static bool IsAllowed(Assembly assembly)
        {
            if (assembly == ModuleAssembly || assembly == typeof(PSObject).Assembly) return true;
            var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location);
            return !assembly.IsDynamic && Path.GetDirectoryName(assembly.Location) == runtimeFolder;
        }
    }
}
