using System.Management.Automation;

namespace TableauWebhooks.Benchmarks.EmptyModule
{
    /// <summary>The one cmdlet of the baseline module: does nothing but write a constant.</summary>
    [Cmdlet(VerbsCommon.Get, "Empty")]
    [OutputType(typeof(string))]
    public sealed class GetEmptyCommand : PSCmdlet
    {
        protected override void ProcessRecord() => WriteObject("empty");
    }
}
