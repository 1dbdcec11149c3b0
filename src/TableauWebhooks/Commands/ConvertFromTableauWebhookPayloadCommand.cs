using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Errors;
using TableauWebhooks.Output;

namespace TableauWebhooks.Commands
{
    /// <summary>
    /// Reads the body Tableau posts to a webhook's destination into a typed event: in an Azure Automation runbook
    /// ($WebhookData.RequestBody), an Azure Function ($Request.RawBody), or any script that got the body. Text or bytes;
    /// bytes piped one by one (as [IO.File]::ReadAllBytes gives them) are read as one body, and so are lines of text
    /// (Get-Content without -Raw): a piped string that is a payload by itself is one, and from the first that is not, the
    /// strings piped are collected and read once, joined by line breaks, at the end, as ConvertFrom-Json reads lines.
    /// A file gives one payload or one error, never an error per line. Only when the joined text is no payload but some
    /// of the strings are, were they several bodies, and each is read by itself.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "TableauWebhookPayload")]
    [OutputType(typeof(TableauWebhookPayload))]
    public sealed class ConvertFromTableauWebhookPayloadCommand : TableauCmdlet
    {
        private readonly List<byte> _pipedBytes = new List<byte>();
        private readonly List<string> _pipedLines = new List<string>();

        /// <summary>The body: a string or a byte array (UTF-8).</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("RequestBody", "RawBody")]
        [AllowEmptyString]
        public object? Body { get; set; }

        protected override void ProcessRecord()
        {
            var value = Unwrap(Body);
            // ValueFromPipeline takes any object whole, so a carrier such as Azure Automation's $WebhookData or an Azure
            // Function's $Request arrives here as itself: read the body it carries.
            if (!(value is string) && !(value is byte[]) && !(value is byte) && value != null && CarriedBody(Body!) is { } carried)
                value = carried;
            switch (value)
            {
                case byte single:
                    _pipedBytes.Add(single);
                    return;
                case string text when MyInvocation.ExpectingInput:
                    if (_pipedLines.Count == 0 && TryRead(text, out var payload))
                        WriteObject(new TableauWebhookPayload(payload!));
                    else
                        _pipedLines.Add(text);
                    return;
                case string text:
                    Convert(() => WebhookPayload.Read(text), text);
                    return;
                case object[] items when items.Length > 0 && items.All(i => Unwrap(i) is string):
                    // -Body (Get-Content payload.json): the lines of a file, given at once.
                    ConvertLines(items.Select(i => (string)Unwrap(i)!).ToList());
                    return;
                case byte[] bytes:
                    Convert(() => WebhookPayload.Read(bytes), bytes);
                    return;
                case IDictionary _:
                case PSCustomObject _:
                    WriteError(ErrorRecordFactory.Create(ErrorIds.InvalidWebhookPayload, ErrorCategory.InvalidArgument, value,
                        "The payload was given already converted from JSON, so its exact text is gone. Pass the body as it was received.",
                        "In an Azure Function pass $Request.RawBody, not $Request.Body; in a runbook, $WebhookData.RequestBody."));
                    return;
                default:
                    WriteError(ErrorRecordFactory.Create(ErrorIds.InvalidWebhookPayload, ErrorCategory.InvalidArgument, value,
                        $"A payload is text or bytes, not {(value == null ? "null" : value.GetType().Name)}."));
                    return;
            }
        }

        private static object? Unwrap(object? value) => value is PSObject wrapped ? wrapped.BaseObject : value;

        // RequestBody ($WebhookData in Azure Automation) or RawBody ($Request in an Azure Function), when it is text or bytes.
        // Read from the object as given: a [pscustomobject]'s properties live on its PSObject wrapper, not its base object.
        private static object? CarriedBody(object given)
        {
            var properties = PSObject.AsPSObject(given).Properties;
            foreach (var name in new[] { "RequestBody", "RawBody" })
            {
                var carried = Unwrap(properties[name]?.Value);
                if (carried is string || carried is byte[]) return carried;
            }
            return null;
        }

        protected override void EndProcessing()
        {
            if (_pipedBytes.Count > 0) Convert(() => WebhookPayload.Read(_pipedBytes.ToArray()), null);
            if (_pipedLines.Count > 0) ConvertLines(_pipedLines);
            base.EndProcessing();
        }

        private static bool TryRead(string text, out WebhookPayload? payload)
        {
            try
            {
                payload = WebhookPayload.Read(text);
                return true;
            }
            catch (TableauException)
            {
                payload = null;
                return false;
            }
        }

        /// <summary>Lines of one body, read once; a failure is one error that says how they were read and what to do.</summary>
        private void ConvertLines(List<string> lines)
        {
            var body = string.Join("\n", lines);
            if (lines.Count == 1)
            {
                Convert(() => WebhookPayload.Read(body), body);
                return;
            }
            try
            {
                WriteObject(new TableauWebhookPayload(WebhookPayload.Read(body)));
            }
            catch (TableauException ex)
            {
                // Some of them are payloads by themselves: these are several bodies, not the lines of one (what
                // 'not json', $body, '[1]' | ConvertFrom-TableauWebhookPayload means), read one by one as they came.
                var alone = lines.Select(l => TryRead(l, out var p) ? p : null).ToList();
                if (alone.Any(p => p != null))
                {
                    for (var i = 0; i < lines.Count; i++)
                    {
                        var line = lines[i];
                        if (alone[i] != null) WriteObject(new TableauWebhookPayload(alone[i]!));
                        else Convert(() => WebhookPayload.Read(line), line);
                    }
                    return;
                }
                WriteError(ErrorRecordFactory.Create(ex.ErrorId, ErrorCategory.InvalidArgument, body,
                    $"The {lines.Count} lines given were read as one body, joined by line breaks, and it is not a Tableau webhook payload. {ex.Message}",
                    "Give one payload: read a file whole with Get-Content -Raw (Get-Content payload.json -Raw | ConvertFrom-TableauWebhookPayload), and pipe the payloads of several files one file at a time."));
            }
        }

        private void Convert(System.Func<WebhookPayload> read, object? target)
        {
            try
            {
                WriteObject(new TableauWebhookPayload(read()));
            }
            catch (TableauException ex)
            {
                WriteError(ErrorRecordFactory.FromTableau(ex, target));
            }
        }
    }
}
