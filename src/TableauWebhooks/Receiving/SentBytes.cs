using System;
using System.Text;

namespace TableauWebhooks.Receiving
{
    /// <summary>
    /// A part of a request as a sender sent it, kept for a note: its first kilobyte, one character per byte, and its whole
    /// length. Quoted only through NoteText.Quote, which masks the secret path before cutting the quote short, so no
    /// prefix of the secret can be left at the cut.
    /// </summary>
    internal sealed class SentBytes
    {
        private const int Kept = 1024;

        public SentBytes(byte[] data, int start, int length)
        {
            var text = new StringBuilder(Math.Min(length, Kept));
            for (var i = start; i < start + Math.Min(length, Kept); i++) text.Append((char)data[i]);
            Text = text.ToString();
            Length = length;
        }

        public string Text { get; }
        public int Length { get; }
    }
}
