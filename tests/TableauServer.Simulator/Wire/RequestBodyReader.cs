using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using System.Xml;
using System.Xml.Linq;
using Microsoft.AspNetCore.Http;
using TableauServer.Simulator.Api;

namespace TableauServer.Simulator.Wire;

/// <summary>Reads a <c>tsRequest</c> body (XML with or without namespace, or JSON) into a <see cref="WireElement"/>.</summary>
internal static class RequestBodyReader
{
    public static async Task<WireElement> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(text))
        {
            throw ApiErrors.BadRequest("The request body is empty.");
        }

        var contentType = request.ContentType ?? "";
        var isJson = contentType.Contains("json", StringComparison.OrdinalIgnoreCase)
            || (!contentType.Contains("xml", StringComparison.OrdinalIgnoreCase) && text.TrimStart().StartsWith('{'));
        return isJson ? ParseJson(text) : ParseXml(text);
    }

    public static WireElement ParseXml(string text)
    {
        XDocument document;
        try
        {
            document = XDocument.Parse(text);
        }
        catch (XmlException ex)
        {
            throw ApiErrors.BadRequest($"The request body is not well-formed XML: {ex.Message}");
        }

        var root = document.Root!;
        if (root.Name.LocalName != "tsRequest")
        {
            throw ApiErrors.BadRequest($"The request body must be a tsRequest document, not '{root.Name.LocalName}'.");
        }

        return FromXml(root);
    }

    public static WireElement ParseJson(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                throw ApiErrors.BadRequest("The JSON request body must be an object.");
            }

            var root = new WireElement("tsRequest");
            FillFromJson(root, document.RootElement);
            return root;
        }
        catch (JsonException ex)
        {
            throw ApiErrors.BadRequest($"The request body is not valid JSON: {ex.Message}");
        }
    }

    // Namespaces are ignored: clients send <tsRequest> both with and without xmlns="http://tableau.com/api".
    private static WireElement FromXml(XElement element)
    {
        var node = new WireElement(element.Name.LocalName);
        foreach (var attribute in element.Attributes().Where(a => !a.IsNamespaceDeclaration))
        {
            node.Attr(attribute.Name.LocalName, attribute.Value);
        }

        foreach (var child in element.Elements())
        {
            node.Add(FromXml(child));
        }

        if (!element.HasElements && element.Value.Length > 0)
        {
            node.Text = element.Value;
        }

        return node;
    }

    // Objects become child elements, arrays repeated children, scalars attributes. Booleans become
    // "true"/"false" text so that true and "true" (what Postman sends) read the same.
    private static void FillFromJson(WireElement node, JsonElement json)
    {
        foreach (var property in json.EnumerateObject())
        {
            var value = property.Value;
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    var child = new WireElement(property.Name);
                    FillFromJson(child, value);
                    node.Add(child);
                    break;
                case JsonValueKind.Array:
                    foreach (var item in value.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object))
                    {
                        var listChild = new WireElement(property.Name);
                        FillFromJson(listChild, item);
                        node.Add(listChild);
                    }

                    break;
                case JsonValueKind.String:
                    node.Attr(property.Name, value.GetString() ?? "");
                    break;
                case JsonValueKind.True:
                case JsonValueKind.False:
                    node.Attr(property.Name, value.GetBoolean() ? "true" : "false");
                    break;
                case JsonValueKind.Number:
                    node.Attr(property.Name, value.GetRawText());
                    break;
            }
        }
    }
}
