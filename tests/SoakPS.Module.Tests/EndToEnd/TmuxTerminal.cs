using System.Diagnostics;

namespace SoakPS.Module.Tests.EndToEnd;

/// <summary>
/// A real pseudo-terminal: one tmux session on a private server socket, running one command; the test types with
/// send-keys and reads the screen with capture-pane, as a person at a console would see and answer it.
/// </summary>
public sealed class TmuxTerminal : IDisposable
{
    private const string Session = "soakps";
    private readonly string _folder;
    private readonly string _socket;
    private readonly string _exitStatus;

    private TmuxTerminal(string folder)
    {
        _folder = folder;
        _socket = Path.Combine(folder, "tmux.sock");
        _exitStatus = Path.Combine(folder, "exit-status");
    }

    /// <summary>Starts <paramref name="commandLine"/> on a 200x50 terminal; the pane stays readable after the command ends.</summary>
    public static TmuxTerminal Start(string folder, IReadOnlyList<string> commandLine)
    {
        var terminal = new TmuxTerminal(folder);
        var config = Path.Combine(folder, "tmux.conf");
        File.WriteAllText(config, "set -g remain-on-exit on\n");
        // A shell runs the command, as at a console, and records its exit status: tmux does not always reap a pane's
        // process promptly, so its pane_dead_status cannot be waited for.
        string[] shell = ["sh", "-c", "\"$@\"; echo $? > \"$0.new\" && mv \"$0.new\" \"$0\"", terminal._exitStatus];
        terminal.Tmux(["-f", config, "new-session", "-d", "-s", Session, "-x", "200", "-y", "50", "-c", folder, .. shell, .. commandLine]);
        return terminal;
    }

    /// <summary>What the screen shows now, wrapped lines joined.</summary>
    public string Screen() => Tmux("capture-pane", "-p", "-J", "-t", Session).Stdout;

    /// <summary>Waits until the screen shows <paramref name="text"/>; fails with the screen if it never does.</summary>
    public string WaitFor(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var screen = Screen();
            if (screen.Contains(text, StringComparison.Ordinal))
            {
                return screen;
            }
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The terminal did not show \"{text}\" in {timeout}. Screen:\n{screen}");
            }
            Thread.Sleep(200);
        }
    }

    /// <summary>Types keys as tmux names them, e.g. "y", "Enter".</summary>
    public void SendKeys(params string[] keys) => Tmux(["send-keys", "-t", Session, .. keys]);

    /// <summary>Waits for the command to end and returns its exit status.</summary>
    public int WaitForExit(TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!File.Exists(_exitStatus))
        {
            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"The command on the terminal did not end in {timeout}. Screen:\n{Screen()}");
            }
            Thread.Sleep(200);
        }
        return int.Parse(File.ReadAllText(_exitStatus).Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public void Dispose() => Tmux("kill-server");

    private ProcessRun Tmux(params string[] arguments)
    {
        var run = Pwsh.RunToEnd(Pwsh.StartInfo(_folder, ["tmux", "-S", _socket, .. arguments]));
        if (run.ExitCode != 0 && arguments[0] != "kill-server")
        {
            throw new InvalidOperationException($"tmux {string.Join(' ', arguments)} failed: {run.Stderr}");
        }
        return run;
    }
}
