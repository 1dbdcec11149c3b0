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

        /// <summary>
        /// Bytes as sent (one character per byte; non-ASCII escaped too: it is not text we know the encoding of), in quotes,
        /// with <paramref name="secret"/> masked first, then cut at MaxQuoted characters.
        /// </summary>
        public static string Quote(SentBytes sent, string? secret)
        {
            var raw = string.IsNullOrEmpty(secret) ? sent.Text : sent.Text.Replace(secret, "***");
            var text = new StringBuilder();
            for (var i = 0; i < raw.Length; i++)
            {
                if (i >= MaxQuoted)
                {
                    text.Append("… (").Append(sent.Length).Append(" bytes)");
                    break;
                }
                var c = raw[i];
                if (c >= 0x20 && c < 0x7F) text.Append(c);
                else text.Append("\\x").Append(((int)c).ToString("X2"));
            }
            if (raw.Length <= MaxQuoted && sent.Length > sent.Text.Length) text.Append("… (").Append(sent.Length).Append(" bytes)");
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
