using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client.Documents;
using TableauWebhooks.Output;

namespace TableauWebhooks.Documents
{
    /// <summary>
    /// PowerShell objects in the shape of a webhooks document (DocumentNode), so piped input meets the same rules as a
    /// file: a PSCustomObject (Import-Csv, ConvertFrom-Json) or a hashtable by its keys, exactly as written, arrays as
    /// lists, and a webhook from Get-TableauWebhook by its five document properties (its other properties are about one
    /// server's copy of it).
    /// </summary>
    internal static class PowerShellDocumentNodes
    {
        private const int MaximumDepth = 4;

        /// <summary>A whole document (formatVersion, webhooks) rather than one entry.</summary>
        public static bool IsDocument(PSObject input)
        {
            var keys = Keys(input);
            return keys.Any(k => string.Equals(k, WebhookDocumentFormat.FormatVersionKey, StringComparison.OrdinalIgnoreCase)
                                 || string.Equals(k, WebhookDocumentFormat.WebhooksKey, StringComparison.OrdinalIgnoreCase));
        }

        public static DocumentNode From(object? value) => From(value, 0);

        private static DocumentNode From(object? value, int depth)
        {
            if (value is PSObject wrapped)
            {
                if (wrapped.BaseObject is PSCustomObject) return depth > MaximumDepth ? DocumentNode.FromOther("nested object") : FromProperties(wrapped, depth);
                value = wrapped.BaseObject;
            }
            switch (value)
            {
                case null:
                case DBNull _:
                    return DocumentNode.Null();
                case string text:
                    return DocumentNode.FromText(text);
                case char character:
                    return DocumentNode.FromText(character.ToString());
                case bool flag:
                    return DocumentNode.FromBoolean(flag);
                case SwitchParameter switchParameter:
                    return DocumentNode.FromBoolean(switchParameter.IsPresent);
                case TableauWebhook webhook:
                    return DocumentNode.FromObject(new[]
                    {
                        new DocumentMember(WebhookDocumentFormat.SiteKey, DocumentNode.FromText(webhook.Site)),
                        new DocumentMember(WebhookDocumentFormat.NameKey, DocumentNode.FromText(webhook.Name)),
                        new DocumentMember(WebhookDocumentFormat.EventKey, DocumentNode.FromText(webhook.Event)),
                        new DocumentMember(WebhookDocumentFormat.DestinationUrlKey, DocumentNode.FromText(webhook.DestinationUrl)),
                        new DocumentMember(WebhookDocumentFormat.EnabledKey, DocumentNode.FromBoolean(webhook.Enabled)),
                    });
            }
            if (IsNumber(value)) return DocumentNode.FromNumber(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "");
            if (depth > MaximumDepth) return DocumentNode.FromOther("nested value");
            switch (value)
            {
                case IDictionary dictionary:
                    return DocumentNode.FromObject(dictionary.Cast<DictionaryEntry>()
                        .Select(pair => new DocumentMember(Convert.ToString(pair.Key, CultureInfo.InvariantCulture) ?? "", From(pair.Value, depth + 1))).ToList());
                case IEnumerable items:
                    return DocumentNode.FromList(items.Cast<object?>().Select(item => From(item, depth + 1)).ToList());
            }
            // A value inside an entry is text, true/false or a number; any other object there is just its kind. An entry
            // itself may be any object with the right properties (a class of the user's own, say).
            return depth == 0 ? FromProperties(PSObject.AsPSObject(value), depth) : DocumentNode.FromOther(value!.GetType().FullName ?? "value");
        }

        private static DocumentNode FromProperties(PSObject input, int depth)
        {
            var members = new List<DocumentMember>();
            foreach (var property in input.Properties)
            {
                DocumentNode node;
                try
                {
                    node = From(property.Value, depth + 1);
                }
                catch (Exception ex) when (!(ex is PipelineStoppedException))
                {
                    node = DocumentNode.FromOther("value that could not be read");
                }
                members.Add(new DocumentMember(property.Name, node));
            }
            return DocumentNode.FromObject(members);
        }

        private static IEnumerable<string> Keys(PSObject input)
        {
            if (input.BaseObject is IDictionary dictionary)
                return dictionary.Keys.Cast<object?>().Select(k => Convert.ToString(k, CultureInfo.InvariantCulture) ?? "");
            if (input.BaseObject is PSCustomObject) return input.Properties.Select(p => p.Name);
            return Enumerable.Empty<string>();
        }

        private static bool IsNumber(object? value)
            => value is sbyte || value is byte || value is short || value is ushort || value is int || value is uint || value is long || value is ulong
               || value is float || value is double || value is decimal || value is System.Numerics.BigInteger;
    }
}
