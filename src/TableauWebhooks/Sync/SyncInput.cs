using System;
using System.Collections;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using TableauWebhooks.Client;
using TableauWebhooks.Client.Documents;
using TableauWebhooks.Client.Errors;
using TableauWebhooks.Client.Events;

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
            foreach (var item in WebhookDocument.Parse(text, source))
            {
                if (item.NotAnObjectKind != null)
                {
                    _raw.Add(RawEntry.Broken($"is {item.NotAnObjectKind}, not an object with Site, Name, Event, DestinationUrl and Enabled."));
                    continue;
                }
                _raw.Add(new RawEntry(Field(item, "Site"), Field(item, "Name"), Field(item, "Event"), Field(item, "DestinationUrl"), Field(item, "Enabled")));
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

        private static object? Field(WebhookDocumentEntry item, string name)
        {
            if (!item.Fields.TryGetValue(name, out var value)) return Missing.Value;
            return value is UnexpectedJsonValue unexpected ? new WrongKind(unexpected.Kind) : value;
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
                // Each problem is what the entry "has": "no Event", "'maybe' for Enabled, not true or false".
                var problems = new List<string>();
                var site = mappings.Site(_site is Missing ? defaultSite : Text(_site, "Site", problems) ?? "");
                var name = Text(_name, "Name", problems) ?? "";
                if (_name is string && name.Trim().Length == 0) problems.Add(name.Length == 0 ? "an empty Name" : "a blank Name");
                var eventName = Text(_event, "Event", problems);
                var destination = mappings.DestinationUrl(Text(_destination, "DestinationUrl", problems)?.Trim());
                var enabled = Flag(_enabled, problems);

                if (_broken != null) return new SyncEntry(number, "", "", null, null, true, _broken);
                if (problems.Count > 0)
                    return new SyncEntry(number, site, name, eventName, destination, enabled, "has " + string.Join("; ", problems) + ".")
                        { SiteKnown = !(_site is WrongKind) };

                // The server would refuse what the client refuses (an unknown or too new event, an http:// destination...):
                // say so before anything is sent, for this entry only.
                try
                {
                    TableauRestClient.ValidateWebhook(new SyncEntry(number, site, name, eventName, destination, enabled, null).ToCreateRequest(), api);
                }
                catch (TableauException ex)
                {
                    return new SyncEntry(number, site, name, eventName, destination, enabled, ex.Message) { ProblemId = ex.ErrorId, ProblemIsSentence = true };
                }
                var canonical = WebhookEventCatalog.Find(eventName)!.Name;
                return new SyncEntry(number, site, name, canonical, destination, enabled, null);
            }

            private static string? Text(object? value, string field, List<string> problems)
            {
                switch (value)
                {
                    case Missing _:
                        if (field != "Site") problems.Add($"no {field}");
                        return null;
                    case null:
                        if (field == "Site") return "";
                        problems.Add($"no {field}");
                        return null;
                    case WrongKind wrong:
                        problems.Add($"{wrong.Kind} for {field}, not text");
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
                        problems.Add($"{wrong.Kind} for Enabled, not true or false");
                        return true;
                }
                var text = Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? "";
                switch (text.ToLowerInvariant())
                {
                    case "true": case "yes": case "1": case "$true": return true;
                    case "false": case "no": case "0": case "$false": return false;
                    case "": return true;
                }
                problems.Add($"'{text}' for Enabled, not true or false");
                return true;
            }
        }
    }
}
