using System.Collections.Generic;
using System.Linq;

namespace TableauServer.Simulator.Wire;

/// <summary>
/// A format-neutral document node. Requests (XML or JSON) are read into it and responses are built from it,
/// so endpoints never care which format is on the wire. XML attributes ↔ JSON scalar members,
/// XML child elements ↔ JSON object members, XML text ↔ a JSON string (or "value" beside attributes).
/// </summary>
internal sealed class WireElement
{
    public WireElement(string name) => Name = name;

    public string Name { get; }
    public List<KeyValuePair<string, object>> Attributes { get; } = new();
    public List<WireElement> Children { get; } = new();
    public string? Text { get; set; }

    /// <summary>JSON renders the children as arrays even when there is only one (list containers such as &lt;webhooks&gt;).</summary>
    public bool ChildrenAreList { get; set; }

    /// <summary>Adds an attribute; null values are left out, as Tableau omits absent attributes.</summary>
    public WireElement Attr(string name, object? value)
    {
        if (value is not null)
        {
            Attributes.Add(new KeyValuePair<string, object>(name, value));
        }

        return this;
    }

    public WireElement Add(WireElement child)
    {
        Children.Add(child);
        return this;
    }

    public bool HasAttribute(string name) => Attributes.Any(a => a.Key == name);

    public string? GetAttribute(string name) => Attributes.Where(a => a.Key == name).Select(a => a.Value.ToString()).FirstOrDefault();

    public WireElement? Child(string name) => Children.FirstOrDefault(c => c.Name == name);
}
