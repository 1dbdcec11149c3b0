using System;
using System.Management.Automation.Host;

namespace TableauWebhooks.Hosting
{
    /// <summary>A console of fixed width, so formatted tables render the same on every machine.</summary>
    internal sealed class FixedSizeRawUserInterface : PSHostRawUserInterface
    {
        public FixedSizeRawUserInterface(int width)
        {
            BufferSize = new Size(width, 9999);
            WindowSize = new Size(width, 50);
            MaxWindowSize = WindowSize;
            MaxPhysicalWindowSize = WindowSize;
        }

        public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
        public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
        public override Size BufferSize { get; set; }
        public override Coordinates CursorPosition { get; set; }
        public override int CursorSize { get; set; } = 1;
        public override bool KeyAvailable => false;
        public override Size MaxPhysicalWindowSize { get; }
        public override Size MaxWindowSize { get; }
        public override Coordinates WindowPosition { get; set; }
        public override Size WindowSize { get; set; }
        public override string WindowTitle { get; set; } = "";

        public override void FlushInputBuffer() { }
        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
        public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException("This host cannot read keys.");
        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
    }
}
