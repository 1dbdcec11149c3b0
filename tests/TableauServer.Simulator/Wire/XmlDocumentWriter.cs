using System.Collections.Generic;
using System.Xml.Linq;
using TableauServer.Simulator.Api;

namespace TableauServer.Simulator.Wire;

/// <summary>Writes a <c>tsResponse</c> document the way Tableau does (declaration with single quotes, namespace, schemaLocation).</summary>
internal static class XmlDocumentWriter
{
    public const string TableauNamespace = "http://tableau.com/api";
    private static readonly XNamespace Ns = TableauNamespace;
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static string Write(IEnumerable<WireElement> content, ApiVersion schemaVersion)
    {
        var root = new XElement(
            Ns + "tsResponse",
            new XAttribute("xmlns", TableauNamespace),
            new XAttribute(XNamespace.Xmlns + "xsi", Xsi),
            new XAttribute(
                Xsi + "schemaLocation",
                $"{TableauNamespace} https://help.tableau.com/samples/en-us/rest_api/ts-api_{schemaVersion.Major}_{schemaVersion.Minor}.xsd"));
        foreach (var element in content)
        {
            root.Add(ToXml(element));
        }

        return "<?xml version='1.0' encoding='UTF-8'?>\n" + root.ToString(SaveOptions.None) + "\n";
    }

    private static XElement ToXml(WireElement element)
    {
        var xml = new XElement(Ns + element.Name);
        foreach (var attribute in element.Attributes)
        {
            xml.SetAttributeValue(attribute.Key, WireValue.ToText(attribute.Value));
        }

        foreach (var child in element.Children)
        {
            xml.Add(ToXml(child));
        }

        if (element.Text is not null)
        {
            xml.Add(new XText(element.Text));
        }

        return xml;
    }
}
