using System;
using System.Management.Automation.Host;

namespace LabelOps.Demo
{
    /// <summary>
    /// The console geometry PowerShell's formatter asks for. The width is fixed at 120 columns so that tables look
    /// the same in a terminal, a CI log or a file; there is no screen buffer to read back or scroll.
    /// </summary>
    internal sealed class DemoRawUserInterface : PSHostRawUserInterface
    {
        public const int Width = 120;
        private const int Height = 50;

        private ConsoleColor _foreground = ConsoleColor.Gray;
        private ConsoleColor _background = ConsoleColor.Black;

        // Colours are remembered, not applied: DemoHostUserInterface colours each line it writes itself.
        public override ConsoleColor ForegroundColor { get => _foreground; set => _foreground = value; }

        public override ConsoleColor BackgroundColor { get => _background; set => _background = value; }

        public override Size BufferSize { get => new Size(Width, short.MaxValue); set { } }

        public override Size WindowSize { get => new Size(Width, Height); set { } }

        public override Size MaxWindowSize => WindowSize;

        public override Size MaxPhysicalWindowSize => WindowSize;

        public override Coordinates CursorPosition { get => new Coordinates(0, 0); set { } }

        public override Coordinates WindowPosition { get => new Coordinates(0, 0); set { } }

        public override int CursorSize { get => 25; set { } }

        public override string WindowTitle { get; set; } = "LabelOps demo";

        public override bool KeyAvailable => false;

        public override void FlushInputBuffer()
        {
        }

        public override KeyInfo ReadKey(ReadKeyOptions options) => throw NotInteractive();

        public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw NotInteractive();

        public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) => throw NotInteractive();

        public override void SetBufferContents(Rectangle rectangle, BufferCell fill) => throw NotInteractive();

        public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) => throw NotInteractive();

        internal static NotSupportedException NotInteractive() =>
            new NotSupportedException("The LabelOps demo host cannot prompt: pass every mandatory parameter (and -Confirm:$false), or run the script with pwsh.");
    }
}
