using System;
using System.Management.Automation;
using System.Reflection;
using Microsoft.PowerShell.Commands.Internal.Format;

namespace TableauWebhooks.Hosting
{
    /// <summary>
    /// Format-List and Format-Table live in Microsoft.PowerShell.Commands.Utility, which is not on NuGet, so a hosted
    /// engine lacks them. Their logic is in the engine itself; these shims are the two thin front ends pwsh ships,
    /// wired to the engine's internal implementation, so tests can render every view a user sees.
    /// </summary>
    [Cmdlet(VerbsCommon.Format, "List")]
    public sealed class FormatListShimCommand : OuterFormatTableAndListBase
    {
        public FormatListShimCommand() => EngineFormatter.Attach(this, "List");
    }

    /// <inheritdoc cref="FormatListShimCommand"/>
    [Cmdlet(VerbsCommon.Format, "Table")]
    public sealed class FormatTableShimCommand : OuterFormatTableBase
    {
        public FormatTableShimCommand() => EngineFormatter.Attach(this, "Table");
    }

    internal static class EngineFormatter
    {
        public static void Attach(FrontEndCommandBase command, string shape)
        {
            var engine = typeof(PSObject).Assembly;
            var shapeType = engine.GetType("Microsoft.PowerShell.Commands.Internal.Format.FormatShape", throwOnError: true)!;
            var innerType = engine.GetType("Microsoft.PowerShell.Commands.Internal.Format.InnerFormatShapeCommand", throwOnError: true)!;
            var inner = Activator.CreateInstance(innerType, BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public, null,
                new[] { Enum.Parse(shapeType, shape) }, null);
            typeof(FrontEndCommandBase).GetField("implementation", BindingFlags.Instance | BindingFlags.NonPublic)!.SetValue(command, inner);
        }
    }
}
