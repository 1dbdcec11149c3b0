using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace TableauServer.Simulator.Wire;

/// <summary>
/// Writes Tableau's JSON mapping of the XML schema: the tsResponse wrapper disappears, attributes become members
/// (booleans and numbers typed), a text-only element becomes a string, text beside attributes becomes "value".
/// </summary>
internal static class JsonDocumentWriter
{
    public static string Write(IEnumerable<WireElement> content)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            WriteMembers(writer, content.ToList(), childrenAreList: false);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteMembers(Utf8JsonWriter writer, List<WireElement> children, bool childrenAreList)
    {
        foreach (var group in children.GroupBy(c => c.Name))
        {
            writer.WritePropertyName(group.Key);
            if (childrenAreList || group.Count() > 1)
            {
                writer.WriteStartArray();
                foreach (var item in group)
                {
                    WriteValue(writer, item);
                }

                writer.WriteEndArray();
            }
            else
            {
                WriteValue(writer, group.First());
            }
        }
    }

    private static void WriteValue(Utf8JsonWriter writer, WireElement element)
    {
        if (element.Attributes.Count == 0 && element.Children.Count == 0 && element.Text is not null)
        {
            writer.WriteStringValue(element.Text);
            return;
        }

        writer.WriteStartObject();
        if (element.Text is not null)
        {
            writer.WriteString("value", element.Text);
        }

        foreach (var attribute in element.Attributes)
        {
            writer.WritePropertyName(attribute.Key);
            switch (attribute.Value)
            {
                case bool flag:
                    writer.WriteBooleanValue(flag);
                    break;
                case int number:
                    writer.WriteNumberValue(number);
                    break;
                default:
                    writer.WriteStringValue(WireValue.ToText(attribute.Value));
                    break;
            }
        }

        WriteMembers(writer, element.Children, element.ChildrenAreList);
        writer.WriteEndObject();
    }
}
