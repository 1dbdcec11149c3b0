using System.Collections;
using System.Collections.Generic;
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
    /// bytes piped one by one (as [IO.File]::ReadAllBytes gives them) are read as one body.
    /// </summary>
    [Cmdlet(VerbsData.ConvertFrom, "TableauWebhookPayload")]
    [OutputType(typeof(TableauWebhookPayload))]
    public sealed class ConvertFromTableauWebhookPayloadCommand : TableauCmdlet
    {
        private readonly List<byte> _pipedBytes = new List<byte>();

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
                case string text:
                    Convert(() => WebhookPayload.Read(text), text);
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
            base.EndProcessing();
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
