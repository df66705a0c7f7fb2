using System.Management.Automation.Host;

namespace SoakPS.Shell;

/// <summary>
/// The minimum of a raw console the formatter needs (a buffer width for tables). Screen-buffer editing is not
/// supported: SoakPS.Shell writes lines, it does not paint a screen.
/// </summary>
public sealed class ShellRawUserInterface : PSHostRawUserInterface
{
    private readonly ConsoleOutput _console;

    public ShellRawUserInterface(ConsoleOutput console) => _console = console;

    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;

    public override Coordinates CursorPosition { get; set; }

    public override Coordinates WindowPosition { get; set; }

    public override int CursorSize { get; set; } = 25;

    public override Size BufferSize
    {
        get => new(_console.Width, 9001);
        set { }
    }

    public override Size WindowSize
    {
        get => new(_console.Width, 50);
        set { }
    }

    public override Size MaxWindowSize => WindowSize;

    public override Size MaxPhysicalWindowSize => WindowSize;

    public override bool KeyAvailable => false;

    public override string WindowTitle { get; set; } = "SoakPS";

    public override void FlushInputBuffer()
    {
    }

    public override KeyInfo ReadKey(ReadKeyOptions options) =>
        throw new NotSupportedException("SoakPS.Shell does not read single keys.");

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
        throw new NotSupportedException("SoakPS.Shell cannot read the screen buffer.");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) =>
        throw new NotSupportedException("SoakPS.Shell cannot paint the screen buffer.");

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) =>
        throw new NotSupportedException("SoakPS.Shell cannot paint the screen buffer.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw new NotSupportedException("SoakPS.Shell cannot scroll the screen buffer.");
}
