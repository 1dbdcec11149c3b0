using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Hosting;

namespace TableauWebhooks.Help.Tests
{
    /// <summary>One runspace with the built module imported, shared by the Get-Help and parity tests (read-only).</summary>
    public sealed class ModuleFixture : IDisposable
    {
        private readonly object _gate = new object();

        public ModuleFixture()
        {
            Shell = HostedPowerShell.WithModule();
            var result = Shell.Run("Get-Command -Module TableauWebhooks -CommandType Cmdlet");
            if (!result.Succeeded) throw new InvalidOperationException(result.Describe());
            Cmdlets = result.Output.Select(o => (CmdletInfo)o.BaseObject).ToDictionary(c => c.Name, StringComparer.OrdinalIgnoreCase);
        }

        public HostedPowerShell Shell { get; }

        /// <summary>The module's exported cmdlets, as Get-Command sees them.</summary>
        public IReadOnlyDictionary<string, CmdletInfo> Cmdlets { get; }

        /// <summary>Runs script text in the shared runspace, one script at a time.</summary>
        public ScriptResult Run(string script, params object?[] arguments)
        {
            lock (_gate) return Shell.Run(script, arguments);
        }

        public void Dispose() => Shell.Dispose();
    }
}
