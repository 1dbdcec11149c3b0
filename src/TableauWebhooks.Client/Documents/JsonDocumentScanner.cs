using System;
using System.Collections.Generic;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace TableauWebhooks.Client.Documents
{
    /// <summary>
    /// Reads JSON text into DocumentNodes in one forward pass of Utf8JsonReader (a sync reads thousands of entries before
    /// it sends its first request; a JsonDocument takes three times as long), keeping what a JSON DOM would lose: the line
    /// of every value and every key of an object, a repeated one included. Trailing commas and comments are not JSON
    /// (RFC 8259) and other tools refuse them, so they are reported, each with its line, and the reading goes on, so one
    /// run names every problem of the document. Anything else that is not JSON throws JsonException.
    /// </summary>
    internal sealed class JsonDocumentScanner
    {
        private readonly byte[] _bytes;
        private readonly List<int> _lineStarts = new List<int> { 0 };
        // Where the last value (or an opening bracket) ended, and the comments read since: what lies between that end and
        // a closing bracket is whitespace, comments, and a comma only when the list or object has a trailing one.
        private long _lastEnd;
        private readonly List<(long Start, long End)> _commentsSinceLastEnd = new List<(long, long)>();

        private JsonDocumentScanner(string text)
        {
            _bytes = Encoding.UTF8.GetBytes(text);
            for (var i = 0; i < _bytes.Length; i++)
                if (_bytes[i] == (byte)'\n') _lineStarts.Add(i + 1);
        }

        /// <summary>What is not JSON but could be read past: (line, what it is, where on the line).</summary>
        public List<(int Line, string What)> NonStandard { get; } = new List<(int, string)>();

        public static DocumentNode Read(string text, out List<(int Line, string What)> nonStandard)
        {
            var scanner = new JsonDocumentScanner(text);
            var reader = new Utf8JsonReader(scanner._bytes,
                new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Allow, MaxDepth = 64 });
            if (!scanner.Next(ref reader)) throw new JsonException("The text is empty: there is no JSON in it.", null, 0, 0);
            var root = scanner.ReadValue(ref reader);
            while (scanner.Next(ref reader))
            {
                // Utf8JsonReader refuses a second value itself; nothing else can follow the root.
            }
            nonStandard = scanner.NonStandard;
            return root;
        }

        /// <summary>The 1-based line of a byte offset.</summary>
        public int LineOf(long offset)
        {
            var index = _lineStarts.BinarySearch((int)Math.Min(offset, int.MaxValue));
            return index >= 0 ? index + 1 : ~index;
        }

        /// <summary>The 1-based column of a byte offset, in characters.</summary>
        public int ColumnOf(long offset)
        {
            var start = _lineStarts[LineOf(offset) - 1];
            return Encoding.UTF8.GetCharCount(_bytes, start, (int)offset - start) + 1;
        }

        // The next token that is not a comment; comments are noted where they are.
        private bool Next(ref Utf8JsonReader reader)
        {
            while (reader.Read())
            {
                if (reader.TokenType != JsonTokenType.Comment) return true;
                NonStandard.Add((LineOf(reader.TokenStartIndex), $"a comment (column {ColumnOf(reader.TokenStartIndex)})"));
                _commentsSinceLastEnd.Add((reader.TokenStartIndex, reader.BytesConsumed));
            }
            return false;
        }

        private DocumentNode ReadValue(ref Utf8JsonReader reader)
        {
            var line = LineOf(reader.TokenStartIndex);
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    Ended(reader.BytesConsumed);
                    var members = new List<DocumentMember>();
                    while (Next(ref reader) && reader.TokenType == JsonTokenType.PropertyName)
                    {
                        var key = reader.GetString() ?? "";
                        var keyLine = LineOf(reader.TokenStartIndex);
                        Next(ref reader);
                        members.Add(new DocumentMember(key, ReadValue(ref reader), keyLine));
                    }
                    Closed(ref reader);
                    return DocumentNode.FromObject(members, line);
                case JsonTokenType.StartArray:
                    Ended(reader.BytesConsumed);
                    var items = new List<DocumentNode>();
                    while (Next(ref reader) && reader.TokenType != JsonTokenType.EndArray)
                        items.Add(ReadValue(ref reader));
                    Closed(ref reader);
                    return DocumentNode.FromList(items, line);
                case JsonTokenType.String:
                    var text = reader.GetString() ?? "";
                    Ended(reader.BytesConsumed);
                    return DocumentNode.FromText(text, line);
                case JsonTokenType.Number:
                    var written = Encoding.UTF8.GetString(reader.ValueSpan.ToArray());
                    Ended(reader.BytesConsumed);
                    return DocumentNode.FromNumber(written, line);
                case JsonTokenType.True:
                case JsonTokenType.False:
                    Ended(reader.BytesConsumed);
                    return DocumentNode.FromBoolean(reader.TokenType == JsonTokenType.True, line);
                case JsonTokenType.Null:
                    Ended(reader.BytesConsumed);
                    return DocumentNode.Null(line);
                default:
                    throw new JsonException(string.Format(CultureInfo.InvariantCulture, "Unexpected {0}.", reader.TokenType), null, line - 1, 0);
            }
        }

        // At the closing bracket of a list or object: a comma between the last value and it is a trailing comma.
        private void Closed(ref Utf8JsonReader reader)
        {
            var close = reader.TokenStartIndex;
            for (var i = _lastEnd; i < close; i++)
            {
                if (InComment(i)) continue;
                if (_bytes[i] == (byte)',')
                {
                    NonStandard.Add((LineOf(i), $"a trailing comma (column {ColumnOf(i)})"));
                    break;
                }
            }
            Ended(reader.BytesConsumed);
        }

        private bool InComment(long offset)
        {
            foreach (var (start, end) in _commentsSinceLastEnd)
                if (offset >= start && offset < end) return true;
            return false;
        }

        private void Ended(long offset)
        {
            _lastEnd = offset;
            _commentsSinceLastEnd.Clear();
        }
    }
}
