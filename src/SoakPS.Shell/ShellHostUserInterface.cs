using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text.RegularExpressions;

namespace SoakPS.Shell;

/// <summary>
/// Console rendering of every stream: output (through Out-Default) to stdout; errors, warnings, verbose, debug and
/// progress to stderr, like pwsh. Progress is one compact line on a terminal and nothing when stderr is redirected.
/// </summary>
public sealed partial class ShellHostUserInterface : PSHostUserInterface
{
    private readonly ConsoleOutput _console;
    private readonly object _lock = new();
    private int _progressWidth;

    public ShellHostUserInterface(ConsoleOutput console)
    {
        _console = console;
        RawUI = new ShellRawUserInterface(console);
    }

    public override PSHostRawUserInterface RawUI { get; }

    public override bool SupportsVirtualTerminal => !_console.PlainText;

    public override void Write(string value) => WriteOut(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => WriteOut(value);

    public override void WriteLine(string value) => WriteOut(value + Environment.NewLine);

    public override void WriteErrorLine(string value) => WriteErr(value, ConsoleColor.Red);

    public override void WriteWarningLine(string message) => WriteErr("WARNING: " + message, ConsoleColor.Yellow);

    public override void WriteVerboseLine(string message) => WriteErr("VERBOSE: " + message, ConsoleColor.Cyan);

    public override void WriteDebugLine(string message) => WriteErr("DEBUG: " + message, ConsoleColor.Cyan);

    public override void WriteInformation(InformationRecord record)
    {
    }

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
        if (_console.ErrorRedirected)
        {
            return;
        }
        lock (_lock)
        {
            var line = record.RecordType == ProgressRecordType.Completed ? string.Empty : ProgressLine(record);
            var width = Math.Max(_console.Width - 1, 20);
            if (line.Length > width)
            {
                line = line[..width];
            }
            _console.Error.Write("\r" + line.PadRight(_progressWidth) + (line.Length == 0 ? "\r" : string.Empty));
            _console.Error.Flush();
            _progressWidth = line.Length;
        }
    }

    public override string ReadLine() => Console.ReadLine() ?? string.Empty;

    public override SecureString ReadLineAsSecureString() =>
        throw new NotSupportedException("SoakPS.Shell does not read secure strings.");

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        WriteLine(caption);
        WriteLine(message);
        var answers = new Dictionary<string, PSObject>();
        foreach (var field in descriptions)
        {
            Write(field.Name + ": ");
            answers[field.Name] = PSObject.AsPSObject(ReadLine());
        }
        return answers;
    }

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        if (!string.IsNullOrEmpty(caption))
        {
            WriteLine(caption);
        }
        WriteLine(message);
        var labels = choices.Select(c => c.Label.Replace("&", string.Empty, StringComparison.Ordinal)).ToList();
        var hotkeys = choices.Select(c => HotKey(c.Label)).ToList();
        while (true)
        {
            var menu = string.Join("  ", choices.Select((c, i) => $"[{hotkeys[i]}] {labels[i]}"));
            Write($"{menu} (default is \"{hotkeys.ElementAtOrDefault(defaultChoice)}\"): ");
            var answer = Console.ReadLine();
            if (answer is null)
            {
                // Stdin is closed: nobody can answer, and the default of a confirmation is "Yes", so refuse like pwsh -NonInteractive.
                WriteLine(string.Empty);
                throw new PSInvalidOperationException("No input is available to answer the prompt; pass -Confirm:$false to proceed without asking.");
            }
            answer = answer.Trim();
            if (answer.Length == 0)
            {
                return defaultChoice;
            }
            var index = hotkeys.FindIndex(h => string.Equals(h, answer, StringComparison.OrdinalIgnoreCase));
            if (index < 0)
            {
                index = labels.FindIndex(l => string.Equals(l, answer, StringComparison.OrdinalIgnoreCase));
            }
            if (index >= 0)
            {
                return index;
            }
        }
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException("SoakPS.Shell does not prompt for credentials.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new NotSupportedException("SoakPS.Shell does not prompt for credentials.");

    private static string HotKey(string label)
    {
        var amp = label.IndexOf('&');
        return amp >= 0 && amp + 1 < label.Length ? label[amp + 1].ToString().ToUpperInvariant() : label[..1];
    }

    private static string ProgressLine(ProgressRecord record)
    {
        var parts = new List<string> { record.Activity };
        if (!string.IsNullOrEmpty(record.StatusDescription))
        {
            parts.Add(record.StatusDescription);
        }
        if (record.PercentComplete >= 0)
        {
            parts.Add($"{record.PercentComplete}%");
        }
        if (record.SecondsRemaining >= 0)
        {
            parts.Add($"{TimeSpan.FromSeconds(record.SecondsRemaining):c} left");
        }
        if (!string.IsNullOrEmpty(record.CurrentOperation))
        {
            parts.Add(record.CurrentOperation);
        }
        return string.Join(" | ", parts);
    }

    private void WriteOut(string text)
    {
        lock (_lock)
        {
            ClearProgress();
            // PowerShell 7.6 styles table headers even with OutputRendering PlainText; plain means plain.
            _console.Out.Write(_console.PlainText ? AnsiEscape().Replace(text, string.Empty) : text);
        }
    }

    private void WriteErr(string line, ConsoleColor color)
    {
        lock (_lock)
        {
            ClearProgress();
            if (_console.ErrorRedirected || _console.NoColor)
            {
                _console.Error.WriteLine(AnsiEscape().Replace(line, string.Empty));
                return;
            }
            var previous = Console.ForegroundColor;
            Console.ForegroundColor = color;
            _console.Error.Write(line);
            Console.ForegroundColor = previous;
            _console.Error.WriteLine();
        }
    }

    /// <summary>A progress line shares the terminal with other text; wipe it before anything else is printed.</summary>
    private void ClearProgress()
    {
        if (_progressWidth > 0)
        {
            _console.Error.Write("\r" + new string(' ', _progressWidth) + "\r");
            _progressWidth = 0;
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex AnsiEscape();
}
