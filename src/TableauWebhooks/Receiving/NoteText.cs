using System.Text;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// Makes text a sender chose safe to show on a console: every control character (C0, DEL, C1: what terminals read as
    /// escape sequences that retitle the window or clear the screen) is written as \xNN, and a quote is cut short.
    /// </summary>
    internal static class NoteText
    {
        /// <summary>The most characters of a sender's input a note quotes.</summary>
        public const int MaxQuoted = 200;

        /// <summary>Bytes as sent, one character per byte (non-ASCII escaped too: it is not text we know the encoding of).</summary>
        public static string Quote(byte[] bytes, int offset, int count)
        {
            var text = new StringBuilder();
            var shown = 0;
            for (var i = 0; i < count; i++)
            {
                if (shown >= MaxQuoted)
                {
                    text.Append("… (").Append(count - i).Append(" more bytes)");
                    break;
                }
                var b = bytes[offset + i];
                if (b >= 0x20 && b < 0x7F) text.Append((char)b);
                else text.Append("\\x").Append(b.ToString("X2"));
                shown++;
            }
            return "\"" + text + "\"";
        }

        /// <summary>Escapes the control characters in a line, and cuts it at <paramref name="maxLength"/> characters.</summary>
        public static string Escape(string line, int maxLength)
        {
            var text = new StringBuilder(line.Length);
            foreach (var c in line)
            {
                if (text.Length >= maxLength)
                {
                    text.Append('…');
                    break;
                }
                if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) text.Append("\\x").Append(((int)c).ToString("X2"));
                else text.Append(c);
            }
            return text.ToString();
        }
    }
}
