using System;
using System.IO;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace TableauWebhooks.Loading
{
    /// <summary>
    /// Loads TableauWebhooks.format.ps1xml into a runspace when the first cmdlet of the module runs there, not at import.
    /// Whenever a module adds format data, PowerShell rebuilds the runspace's whole format table, its own built-in views
    /// included: 3-5 ms whatever the file's size, which as FormatsToProcess would more than double Import-Module. Every
    /// object the views describe comes out of one of this module's cmdlets, so the views are in place before the first
    /// one is shown. The cost moves to the first cmdlet call of each runspace; a runbook that imports the module and
    /// never calls it does not pay it.
    /// </summary>
    internal static class LazyFormatData
    {
        private const string FileName = "TableauWebhooks.format.ps1xml";
        private static readonly ConditionalWeakTable<Runspace, object> LoadedInto = new ConditionalWeakTable<Runspace, object>();
        private static readonly object Loaded = new object();

        /// <summary>Called on the pipeline thread (BeginProcessing); a runspace runs one pipeline at a time.</summary>
        public static void EnsureLoaded(PSCmdlet cmdlet)
        {
            var runspace = Runspace.DefaultRunspace;
            if (runspace == null || LoadedInto.TryGetValue(runspace, out _)) return;
            // Marked first: a runspace that refuses the format data is not asked again on every call.
            LoadedInto.Add(runspace, Loaded);

            var path = Path.Combine(Path.GetDirectoryName(typeof(LazyFormatData).Assembly.Location) ?? "", FileName);
            if (!File.Exists(path)) return;
            // Update-FormatData is what a user would run; resolved as a cmdlet, so a function of that name cannot stand in.
            var updateFormatData = cmdlet.InvokeCommand.GetCmdlet("Update-FormatData");
            if (updateFormatData == null)
            {
                cmdlet.WriteVerbose("Update-FormatData is not available in this runspace: TableauWebhooks objects are shown without their views.");
                return;
            }
            try
            {
                using (var nested = PowerShell.Create(RunspaceMode.CurrentRunspace))
                {
                    nested.AddCommand(updateFormatData).AddParameter("AppendPath", path);
                    nested.Invoke();
                    foreach (var error in nested.Streams.Error) NotLoaded(cmdlet, error.Exception);
                }
            }
            catch (Exception ex) when (ex is RuntimeException || ex is PSInvalidOperationException)
            {
                // The views only change how objects look: a host that disables format updates still gets every object.
                NotLoaded(cmdlet, ex);
            }
        }

        private static void NotLoaded(PSCmdlet cmdlet, Exception ex)
            => cmdlet.WriteVerbose($"The TableauWebhooks format views were not loaded ({ex.Message}); objects are shown without them.");
    }
}
