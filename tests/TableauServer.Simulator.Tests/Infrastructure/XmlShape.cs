using System.Collections.Generic;
using System.Linq;
using System.Xml.Linq;

namespace TableauServer.Simulator.Tests.Infrastructure;

/// <summary>
/// The structure of an XML document as a set of paths: "tsResponse/webhook", "tsResponse/webhook/@id", ...
/// Namespaces are ignored, and the event element under webhook-source is written "*" because fixtures use placeholders.
/// </summary>
public static class XmlShape
{
    public static ISet<string> Of(XElement root)
    {
        var paths = new SortedSet<string>();
        Collect(root, "", paths);
        return paths;
    }

    private static void Collect(XElement element, string parent, ISet<string> paths)
    {
        var name = element.Parent?.Name.LocalName == "webhook-source" ? "*" : element.Name.LocalName;
        var path = parent.Length == 0 ? name : parent + "/" + name;
        paths.Add(path);
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            paths.Add(path + "/@" + attribute.Name.LocalName);
        }

        foreach (var child in element.Elements())
        {
            Collect(child, path, paths);
        }
    }
}
