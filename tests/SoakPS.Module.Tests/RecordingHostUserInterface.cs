using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;
using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests;

/// <summary>
/// Records what PowerShell shows a user (Out-Default output, WhatIf lines, warnings, prompts) with ANSI escapes
/// stripped, and answers PromptForChoice with <see cref="ChoiceAnswer"/> (the label without '&amp;', e.g. "Yes", "No").
/// </summary>
public sealed partial class RecordingHostUserInterface : PSHostUserInterface
{
    private readonly StringBuilder _text = new();
    private readonly object _lock = new();

    public RecordingHostUserInterface(int width) => RawUI = new RecordingRawUserInterface(width);

    public override PSHostRawUserInterface RawUI { get; }

    /// <summary>The label of the choice to pick when PowerShell asks (e.g. -Confirm); null takes the default.</summary>
    public string? ChoiceAnswer { get; set; }

    public List<string> Prompts { get; } = new();

    public List<string> Warnings { get; } = new();

    public List<string> ErrorLines { get; } = new();

    /// <summary>Everything written to the host as text, escapes stripped.</summary>
    public string Text
    {
        get
        {
            lock (_lock)
            {
                return _text.ToString();
            }
        }
    }

    public IReadOnlyList<string> Lines => Text.Split('\n').Select(l => l.TrimEnd('\r')).ToList();

    public void Clear()
    {
        lock (_lock)
        {
            _text.Clear();
        }
        Prompts.Clear();
        Warnings.Clear();
        ErrorLines.Clear();
    }

    public static string StripAnsi(string text) => AnsiEscape().Replace(text, string.Empty);

    public override void Write(string value) => Append(value);

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Append(value);

    public override void WriteLine(string value) => Append(value + "\n");

    public override void WriteErrorLine(string value) => ErrorLines.Add(StripAnsi(value));

    public override void WriteWarningLine(string message) => Warnings.Add(StripAnsi(message));

    public override void WriteVerboseLine(string message)
    {
    }

    public override void WriteDebugLine(string message)
    {
    }

    public override void WriteProgress(long sourceId, ProgressRecord record)
    {
    }

    public override void WriteInformation(InformationRecord record)
    {
    }

    public override string ReadLine() => string.Empty;

    public override SecureString ReadLineAsSecureString() => new();

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions) =>
        throw new NotSupportedException("The recording host answers choices only.");

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Prompts.Add(StripAnsi($"{caption}: {message}"));
        if (ChoiceAnswer is null)
        {
            return defaultChoice;
        }
        for (var i = 0; i < choices.Count; i++)
        {
            if (string.Equals(choices[i].Label.Replace("&", string.Empty, StringComparison.Ordinal), ChoiceAnswer, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }
        throw new InvalidOperationException(
            $"No choice labelled '{ChoiceAnswer}' among {string.Join(", ", choices.Select(c => c.Label))}.");
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new NotSupportedException();

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName,
        PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) => throw new NotSupportedException();

    private void Append(string value)
    {
        lock (_lock)
        {
            _text.Append(StripAnsi(value));
        }
    }

    [GeneratedRegex(@"\x1b\[[0-9;?]*[ -/]*[@-~]")]
    private static partial Regex AnsiEscape();
}
