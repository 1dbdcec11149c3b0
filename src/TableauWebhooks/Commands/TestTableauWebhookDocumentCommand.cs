using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.IO;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client.Documents;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Documents;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Checks webhooks documents against the format's rules without a server or a session, as Sync-TableauWebhook checks
    /// them before it sends anything: what a pull-request check runs. One result per entry (and one for the document when
    /// a problem belongs to no entry), an error record per problem, or with -Quiet one Boolean for everything given.
    /// What a particular server accepts (an event newer than its REST API) is not checked: Sync-TableauWebhook does, per server.
    /// </summary>
    [Cmdlet(VerbsDiagnostic.Test, "TableauWebhookDocument", DefaultParameterSetName = PathSet)]
    [OutputType(typeof(TableauWebhookDocumentTestResult), typeof(bool))]
    public sealed class TestTableauWebhookDocumentCommand : PSCmdlet
    {
        private const string PathSet = "Path";
        private const string LiteralPathSet = "LiteralPath";
        private const string InputSet = "InputObject";

        private readonly DocumentInputs _piped = new DocumentInputs();
        private bool _allValid = true;

        /// <summary>The documents to check; wildcards select several files.</summary>
        [Parameter(ParameterSetName = PathSet, Mandatory = true, Position = 0)]
        [SupportsWildcards]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>The documents to check, by their exact paths (no wildcards).</summary>
        [Parameter(ParameterSetName = LiteralPathSet, Mandatory = true)]
        [Alias("PSPath", "LP")]
        [ValidateNotNullOrEmpty]
        public string[]? LiteralPath { get; set; }

        /// <summary>What Sync-TableauWebhook takes from the pipeline: a document's text (whole or line by line), files, document objects, rows.</summary>
        [Parameter(ParameterSetName = InputSet, Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        [AllowEmptyCollection]
        public PSObject[]? InputObject { get; set; }

        /// <summary>Return only $true (everything given is valid) or $false, and write no errors.</summary>
        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void ProcessRecord()
        {
            if (Path != null)
                foreach (var path in Path) CheckFiles(Resolve(path));
            else if (LiteralPath != null)
                foreach (var path in LiteralPath) CheckFiles(new[] { (SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), path) });
            else if (InputObject != null)
            {
                foreach (var item in InputObject.Where(i => i != null))
                    if (_piped.AddPiped(item) is { } file) CheckFiles(new[] { (file.FullName, file.FullName) });
            }
        }

        protected override void EndProcessing()
        {
            foreach (var document in _piped.Finish()) Report(document);
            if (Quiet) WriteObject(_allValid);
        }

        /// <summary>The files a -Path pattern names; none is an error (a check of nothing must not pass).</summary>
        private IEnumerable<(string Full, string Given)> Resolve(string path)
        {
            Collection<string> resolved;
            try
            {
                resolved = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out var provider);
                if (provider.Name != "FileSystem") resolved = new Collection<string>();
            }
            catch (ItemNotFoundException)
            {
                resolved = new Collection<string>();
            }
            if (resolved.Count == 0) NotFound(SessionState.Path.GetUnresolvedProviderPathFromPSPath(path), path, WildcardPattern.ContainsWildcardCharacters(path));
            return resolved.Select(full => (full, path));
        }

        private void CheckFiles(IEnumerable<(string Full, string Given)> files)
        {
            foreach (var (full, given) in files)
            {
                if (!File.Exists(full))
                {
                    NotFound(full, given, false);
                    continue;
                }
                CheckedWebhookDocument document;
                try
                {
                    document = new DocumentInputs().AddFile(full);
                }
                catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
                {
                    Fail(ErrorRecordFactory.Create(ErrorIds.InvalidSyncDocument, ErrorCategory.ReadError, given, $"Could not read '{full}': {ex.Message}"));
                    continue;
                }
                Report(document);
            }
        }

        private void NotFound(string full, string given, bool pattern)
        {
            var message = pattern ? $"No file matches '{given}'." : Directory.Exists(full) ? $"'{full}' is a folder, not a webhooks document." : $"There is no file '{full}'.";
            Fail(ErrorRecordFactory.Create(ErrorIds.SyncDocumentNotFound, ErrorCategory.ObjectNotFound, given, message,
                "Export-TableauWebhook -Path webhooks.json writes a document."));
        }

        private void Fail(ErrorRecord error)
        {
            _allValid = false;
            if (!Quiet) WriteError(error);
        }

        // The errors first, then the results, so the table of results is not broken up by them.
        private void Report(CheckedWebhookDocument document)
        {
            var duplicates = WebhookDocumentChecker.FindDuplicates(document.Entries.Where(e => e.Site != null).Select(e => (e, e.Site!)));
            foreach (var (problem, entries) in duplicates)
                foreach (var entry in entries) entry.Problems.Add(problem);
            if (!document.IsValid) _allValid = false;
            if (Quiet) return;
            foreach (var problem in document.ReportedProblems.Concat(duplicates.Select(d => d.Problem)).Distinct().ToList())
                WriteError(DocumentProblemRecords.For(problem));
            if (document.DocumentProblems.Count > 0) WriteObject(new TableauWebhookDocumentTestResult(document));
            foreach (var entry in document.Entries) WriteObject(new TableauWebhookDocumentTestResult(document, entry));
        }
    }
}
