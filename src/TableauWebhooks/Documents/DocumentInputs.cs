using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Text;
using TableauWebhooks.Client.Documents;

namespace TableauWebhooks.Documents
{
    /// <summary>
    /// Everything Sync-TableauWebhook and Test-TableauWebhookDocument are given, read and checked alike: files, text piped
    /// whole or line by line (Export-TableauWebhook, Get-Content), files piped from Get-ChildItem, whole documents as
    /// objects (ConvertFrom-Json), and entries one by one (Import-Csv rows, webhooks from Get-TableauWebhook).
    /// </summary>
    internal sealed class DocumentInputs
    {
        public const string PipedDocument = "The piped document";
        public const string PipedRows = "Piped rows";

        private readonly List<CheckedWebhookDocument> _documents = new List<CheckedWebhookDocument>();
        private readonly StringBuilder _text = new StringBuilder();
        private readonly List<DocumentNode> _rows = new List<DocumentNode>();

        /// <summary>Reads and checks a file; IOException and UnauthorizedAccessException are the caller's to report.</summary>
        public CheckedWebhookDocument AddFile(string fullPath)
        {
            var document = WebhookDocumentChecker.CheckText(File.ReadAllText(fullPath), $"'{fullPath}'", fullPath);
            _documents.Add(document);
            return document;
        }

        /// <summary>One piped object; a FileInfo (Get-ChildItem) is returned for the caller to read with AddFile.</summary>
        public FileInfo? AddPiped(PSObject item)
        {
            switch (item.BaseObject)
            {
                case string line:
                    // A document arrives whole (Export-TableauWebhook) or line by line (Get-Content): joined and read at the end.
                    _text.Append(line).Append('\n');
                    return null;
                case FileInfo file:
                    return file;
            }
            if (PowerShellDocumentNodes.IsDocument(item)) _documents.Add(WebhookDocumentChecker.CheckObject(PowerShellDocumentNodes.From(item), PipedDocument));
            else _rows.Add(PowerShellDocumentNodes.From(item));
            return null;
        }

        /// <summary>Every document given, the piped text and the piped rows last, each checked.</summary>
        public IReadOnlyList<CheckedWebhookDocument> Finish()
        {
            if (_text.Length > 0) _documents.Add(WebhookDocumentChecker.CheckText(_text.ToString(), PipedDocument, null));
            if (_rows.Count > 0) _documents.Add(WebhookDocumentChecker.CheckRows(_rows, PipedRows));
            _text.Clear();
            _rows.Clear();
            return _documents;
        }
    }
}
