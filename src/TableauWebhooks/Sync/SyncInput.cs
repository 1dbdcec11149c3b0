using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System.Text.Json;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;
using TableauWebhooks.Client.Models;
using TableauWebhooks.Commands;

namespace TableauWebhooks.Sync
{
    /// <summary>
    /// Turns what Sync-TableauWebhook is given into entries: a document (the file, or Export-TableauWebhook's text piped
    /// in, or ConvertFrom-Json of it), or entries one by one (ConvertFrom-Json's webhooks, Import-Csv rows, webhook
    /// objects). Field names are matched without regard to case; a CSV's Enabled may be true/false, yes/no or 1/0.
    /// </summary>
    internal sealed class SyncInput
    {
        private readonly List<RawEntry> _raw = new List<RawEntry>();

        /// <summary>Reads a whole document; a document that cannot be read is refused as a whole (a TableauException).</summary>
        public void AddDocument(string text, string source)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException ex)
            {
                throw Refused($"{source} is not valid JSON: {ex.Message}");
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !TryGet(root, "formatVersion", out var version))
                    throw Refused($"{source} is not a webhooks document: it has no formatVersion. Export-TableauWebhook writes one.");
                if (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var number) || number < 1)
                    throw Refused($"{source} has formatVersion {version.GetRawText()}; expected {ExportTableauWebhookCommand.FormatVersion}.");
                if (number > ExportTableauWebhookCommand.FormatVersion)
                    throw Refused($"{source} has formatVersion {number}, newer than this module reads ({ExportTableauWebhookCommand.FormatVersion}). Update TableauWebhooks.");
                if (!TryGet(root, "webhooks", out var webhooks) || webhooks.ValueKind != JsonValueKind.Array)
                    throw Refused($"{source} has no \"webhooks\" list.");
                foreach (var item in webhooks.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.Object)
                    {
                        _raw.Add(RawEntry.Broken($"is {Describe(item.ValueKind)}, not an object with Site, Name, Event, DestinationUrl and Enabled."));
                        continue;
                    }
                    _raw.Add(new RawEntry(
                        Field(item, "Site"), Field(item, "Name"), Field(item, "Event"), Field(item, "DestinationUrl"), Field(item, "Enabled")));
                }
            }
        }

        /// <summary>One piped object: a document object (from ConvertFrom-Json), or one entry.</summary>
        public void AddObject(PSObject input)
        {
            var value = input.BaseObject;
            if (value is IDictionary dictionary)
            {
                _raw.Add(new RawEntry(Lookup(dictionary, "Site"), Lookup(dictionary, "Name"), Lookup(dictionary, "Event"),
                    Lookup(dictionary, "DestinationUrl"), Lookup(dictionary, "Enabled")));
                return;
            }
            if (input.Properties["webhooks"] is { } list && input.Properties["formatVersion"] != null)
            {
                foreach (var item in LanguagePrimitives.GetEnumerable(list.Value)?.Cast<object>() ?? Enumerable.Empty<object>())
                    AddObject(PSObject.AsPSObject(item));
                return;
            }
            _raw.Add(new RawEntry(Property(input, "Site"), Property(input, "Name"), Property(input, "Event"),
                Property(input, "DestinationUrl"), Property(input, "Enabled")));
        }

        /// <summary>
        /// The entries, checked against what the server at <paramref name="api"/> accepts, with the mappings applied. An
        /// entry without Site belongs to <paramref name="defaultSite"/> (a CSV for one site needs no Site column).
        /// </summary>
        public IReadOnlyList<SyncEntry> Entries(string defaultSite, SyncMappings mappings, Version api)
        {
            var entries = new List<SyncEntry>();
            for (var i = 0; i < _raw.Count; i++)
                entries.Add(_raw[i].ToEntry(i + 1, defaultSite, mappings, api));
            return entries;
        }

        public int Count => _raw.Count;

        private static TableauException Refused(string message)
            => new TableauException(TableauErrorKind.InvalidArgument, ErrorIds.InvalidSyncDocument, message);

        private static bool TryGet(JsonElement element, string name, out JsonElement value)
        {
            foreach (var property in element.EnumerateObject())
            {
                if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    value = property.Value;
                    return true;
                }
            }
            value = default;
            return false;
        }

        private static object? Field(JsonElement item, string name)
        {
            if (!TryGet(item, name, out var value)) return Missing.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.String: return value.GetString();
                case JsonValueKind.True: return true;
                case JsonValueKind.False: return false;
                case JsonValueKind.Null: return null;
                default: return new WrongKind(Describe(value.ValueKind));
            }
        }

        private static object? Lookup(IDictionary dictionary, string name)
        {
            foreach (DictionaryEntry pair in dictionary)
                if (string.Equals(pair.Key?.ToString(), name, StringComparison.OrdinalIgnoreCase)) return Unwrap(pair.Value);
            return Missing.Value;
        }

        private static object? Property(PSObject input, string name)
            => input.Properties[name] is { } property ? Unwrap(property.Value) : Missing.Value;

        private static object? Unwrap(object? value) => value is PSObject ps ? ps.BaseObject : value;

        private static string Describe(JsonValueKind kind)
        {
            switch (kind)
            {
                case JsonValueKind.Number: return "a number";
                case JsonValueKind.Array: return "a list";
                case JsonValueKind.Object: return "an object";
                case JsonValueKind.String: return "text";
                case JsonValueKind.True:
                case JsonValueKind.False: return "true or false";
                default: return "null";
            }
        }

        /// <summary>A field the entry does not have at all (as opposed to one that is null or empty).</summary>
        private sealed class Missing
        {
            public static readonly Missing Value = new Missing();
        }

        /// <summary>A JSON value of a kind no field takes (a number for a name, a list...).</summary>
        private sealed class WrongKind
        {
            public WrongKind(string kind) => Kind = kind;
            public string Kind { get; }
        }

        /// <summary>An entry's fields as given, before they are checked.</summary>
        private sealed class RawEntry
        {
            private readonly object? _site, _name, _event, _destination, _enabled;
            private readonly string? _broken;

            public RawEntry(object? site, object? name, object? eventName, object? destination, object? enabled)
            {
                _site = site;
                _name = name;
                _event = eventName;
                _destination = destination;
                _enabled = enabled;
            }

            private RawEntry(string broken) : this(Missing.Value, Missing.Value, Missing.Value, Missing.Value, Missing.Value) => _broken = broken;

            public static RawEntry Broken(string why) => new RawEntry(why);

            public SyncEntry ToEntry(int number, string defaultSite, SyncMappings mappings, Version api)
            {
                var problems = new List<string>();
                if (_broken != null) problems.Add(_broken);
                var site = mappings.Site(_site is Missing ? defaultSite : Text(_site, "Site", problems) ?? "");
                var name = Text(_name, "Name", problems) ?? "";
                if (name.Trim().Length == 0 && _broken == null) problems.Add("has no Name.");
                var eventName = Text(_event, "Event", problems);
                var destination = mappings.DestinationUrl(Text(_destination, "DestinationUrl", problems)?.Trim());
                var enabled = Flag(_enabled, problems);

                if (problems.Count > 0)
                    return new SyncEntry(number, site, name, eventName, destination, enabled, string.Join(" ", problems)) { SiteKnown = !(_site is WrongKind) };

                // The server would refuse what the client refuses (an unknown or too new event, an http:// destination...):
                // say so before anything is sent, for this entry only.
                try
                {
                    TableauRestClient.ValidateWebhook(new WebhookCreateRequest
                    {
                        Name = name, Event = eventName ?? "", DestinationUrl = destination ?? "", Enabled = enabled ? (bool?)null : false,
                    }, api);
                }
                catch (TableauException ex)
                {
                    return new SyncEntry(number, site, name, eventName, destination, enabled, ex.Message) { ProblemId = ex.ErrorId };
                }
                var canonical = WebhookEventCatalog.Find(eventName)!.Name;
                return new SyncEntry(number, site, name, canonical, destination, enabled, null);
            }

            private static string? Text(object? value, string field, List<string> problems)
            {
                switch (value)
                {
                    case Missing _:
                        if (field != "Site") problems.Add($"has no {field}.");
                        return null;
                    case null:
                        if (field == "Site") return "";
                        problems.Add($"has no {field}.");
                        return null;
                    case WrongKind wrong:
                        problems.Add($"has {wrong.Kind} for {field}, not text.");
                        return null;
                    case string text:
                        return text;
                    default:
                        return Convert.ToString(value, CultureInfo.InvariantCulture);
                }
            }

            // Missing means enabled, as Tableau creates webhooks; CSV gives text.
            private static bool Flag(object? value, List<string> problems)
            {
                switch (value)
                {
                    case Missing _:
                    case null:
                        return true;
                    case bool flag:
                        return flag;
                    case WrongKind wrong:
                        problems.Add($"has {wrong.Kind} for Enabled, not true or false.");
                        return true;
                }
                var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
                switch (text.ToLowerInvariant())
                {
                    case "true": case "yes": case "1": case "$true": return true;
                    case "false": case "no": case "0": case "$false": return false;
                    case "": return true;
                }
                problems.Add($"has '{text}' for Enabled, not true or false.");
                return true;
            }
        }
    }
}
