using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;

namespace TableauWebhooks.Hosting
{
    /// <summary>Everything one script run produced, stream by stream.</summary>
    public sealed class ScriptResult
    {
        public ScriptResult(IReadOnlyList<PSObject> output, IReadOnlyList<ErrorRecord> errors, IReadOnlyList<string> warnings,
            IReadOnlyList<string> verbose, IReadOnlyList<string> debug, ErrorRecord? terminatingError, string hostText,
            IReadOnlyList<string>? progress = null, IReadOnlyList<string>? information = null)
        {
            Progress = progress ?? new string[0];
            Information = information ?? new string[0];
            Output = output;
            Errors = errors;
            Warnings = warnings;
            Verbose = verbose;
            Debug = debug;
            TerminatingError = terminatingError;
            HostText = hostText;
        }

        public IReadOnlyList<PSObject> Output { get; }
        /// <summary>Non-terminating error records (WriteError).</summary>
        public IReadOnlyList<ErrorRecord> Errors { get; }
        public IReadOnlyList<string> Warnings { get; }
        public IReadOnlyList<string> Verbose { get; }
        public IReadOnlyList<string> Debug { get; }
        /// <summary>Every progress record as "activity | status | current operation".</summary>
        public IReadOnlyList<string> Progress { get; }
        /// <summary>Information records (Write-Information, Write-Host) as text.</summary>
        public IReadOnlyList<string> Information { get; }
        /// <summary>The error that stopped the script, if one did.</summary>
        public ErrorRecord? TerminatingError { get; }
        /// <summary>What the host displayed: formatted output, -WhatIf lines, prompts.</summary>
        public string HostText { get; }

        public bool Succeeded => TerminatingError == null && Errors.Count == 0;

        /// <summary>All error records, non-terminating first, then the terminating one.</summary>
        public IEnumerable<ErrorRecord> AllErrors => TerminatingError == null ? Errors : Errors.Concat(new[] { TerminatingError });

        public string Describe()
        {
            var errors = AllErrors.Select(e => $"[{e.FullyQualifiedErrorId}] {e.Exception?.Message}");
            return string.Join("; ", errors.DefaultIfEmpty("no errors"));
        }
    }
}
