namespace SoakPS.Shell;

/// <summary>Where the shell writes, and whether a person is watching (not redirected) or a pipe/file is.</summary>
public sealed class ConsoleOutput
{
    public ConsoleOutput(TextWriter stdout, TextWriter stderr, bool stdoutRedirected, bool stderrRedirected, bool noColor)
    {
        Out = stdout;
        Error = stderr;
        OutRedirected = stdoutRedirected;
        ErrorRedirected = stderrRedirected;
        NoColor = noColor;
    }

    public static ConsoleOutput FromConsole() => new(
        Console.Out,
        Console.Error,
        Console.IsOutputRedirected,
        Console.IsErrorRedirected,
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR")));

    public TextWriter Out { get; }

    public TextWriter Error { get; }

    public bool OutRedirected { get; }

    public bool ErrorRedirected { get; }

    public bool NoColor { get; }

    /// <summary>Plain text (no ANSI) whenever the output is not a terminal or the user asked for no colour.</summary>
    public bool PlainText => OutRedirected || NoColor;

    /// <summary>Width tables are laid out for: the terminal's, else a fixed width so redirected output is stable.</summary>
    public int Width
    {
        get
        {
            if (!OutRedirected)
            {
                try
                {
                    return Math.Max(Console.WindowWidth, 40);
                }
                catch (IOException)
                {
                }
            }
            return 120;
        }
    }
}
