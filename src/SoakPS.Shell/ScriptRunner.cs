using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Reflection;
using System.Text.RegularExpressions;

namespace SoakPS.Shell;

/// <summary>
/// Runs one -Command or -File in a runspace with SoakPS imported, rendering through Out-Default like pwsh, and
/// works out the process exit code the way `pwsh -Command` / `pwsh -File` do.
/// </summary>
public sealed partial class ScriptRunner : IDisposable
{
    /// <summary>Exit code after Ctrl+C stopped the pipeline (128 + SIGINT, as shells report it).</summary>
    public const int StoppedExitCode = 130;

    private const string LastStatusVariable = "__SoakPSShellLastStatus";

    private readonly ShellHost _host;
    private readonly Runspace _runspace;
    private readonly object _gate = new();
    private PowerShell? _current;

    public ScriptRunner(ConsoleOutput console)
    {
        _host = new ShellHost(console);
        var state = InitialSessionState.CreateDefault2();
        if (OperatingSystem.IsWindows())
        {
            state.ExecutionPolicy = Microsoft.PowerShell.ExecutionPolicy.RemoteSigned;
        }
        _runspace = RunspaceFactory.CreateRunspace(_host, state);
        _runspace.Open();
        if (console.PlainText)
        {
            // PowerShell 7.6 styles table headers with ANSI even for files; a pipe or NO_COLOR gets plain text.
            Invoke(ps => ps.AddScript("$PSStyle.OutputRendering = 'PlainText'"), render: false);
        }
    }

    /// <summary>Imports the module; false (after printing the error) if it did not load cleanly.</summary>
    public bool ImportModule(string modulePath)
    {
        var outcome = Invoke(ps => ps.AddCommand("Import-Module").AddParameter("Name", modulePath).AddParameter("ErrorAction", ActionPreference.Stop));
        return outcome is { Terminated: false, HadErrors: false };
    }

    public int Run(ShellArguments arguments) =>
        arguments.Command is not null ? RunCommand(arguments.Command) : RunFile(arguments.File!, arguments.FileArguments);

    /// <summary>Ctrl+C: stop the running pipeline so the cmdlet's StopProcessing runs. False if nothing was running.</summary>
    public bool Stop()
    {
        PowerShell? current;
        lock (_gate)
        {
            current = _current;
        }
        if (current is null)
        {
            return false;
        }
        current.BeginStop(null, null);
        return true;
    }

    public void Dispose() => _runspace.Dispose();

    private int RunCommand(string command)
    {
        // The status of the last statement is captured inside the same script, where $? still means it.
        // A command that does not parse runs as it is, so PowerShell reports its own parse error.
        System.Management.Automation.Language.Parser.ParseInput(command, out _, out var parseErrors);
        var script = parseErrors.Length > 0 ? command : command + "\n$global:" + LastStatusVariable + " = $?";
        var outcome = Invoke(ps => ps.AddScript(script));
        if (EndedEarly(outcome) is { } early)
        {
            return early;
        }
        // pwsh -Command: the exit code follows $? of the last command.
        return _runspace.SessionStateProxy.GetVariable(LastStatusVariable) is false ? 1 : 0;
    }

    private int RunFile(string file, IReadOnlyList<string> fileArguments)
    {
        var path = Path.GetFullPath(file);
        if (!File.Exists(path))
        {
            _host.UI.WriteErrorLine($"The argument '{file}' is not recognized as the name of a script file.");
            return 64;
        }
        var invocation = "& " + Quote(path) + string.Concat(fileArguments.Select(a => " " + FileArgument(a)));
        var outcome = Invoke(ps => ps.AddScript(invocation));
        if (EndedEarly(outcome) is { } early)
        {
            return early;
        }
        // pwsh -File: a script's `exit N` leaves N in $LASTEXITCODE.
        return LastExitCode();
    }

    /// <summary>Like pwsh -File: '-Name' stays a parameter name, anything else is passed as a literal string.</summary>
    private static string FileArgument(string argument)
    {
        var match = ParameterToken().Match(argument);
        if (!match.Success)
        {
            return Quote(argument);
        }
        return match.Groups["value"].Success
            ? "-" + match.Groups["name"].Value + ":" + Quote(match.Groups["value"].Value)
            : "-" + match.Groups["name"].Value;
    }

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    private int LastExitCode()
    {
        var value = _runspace.SessionStateProxy.GetVariable("LASTEXITCODE");
        return value is int code ? code : 0;
    }

    private Outcome Invoke(Action<PowerShell> build, bool render = true)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        build(ps);
        if (render)
        {
            // Like the pwsh console: errors flow with the output into Out-Default, which renders both through the host.
            ps.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            ps.AddCommand("Out-Default");
        }
        lock (_gate)
        {
            _current = ps;
        }
        try
        {
            ps.Invoke();
            return new Outcome(Terminated: false, Stopped: ps.InvocationStateInfo.State == PSInvocationState.Stopped, ps.HadErrors);
        }
        catch (PipelineStoppedException)
        {
            return new Outcome(Terminated: true, Stopped: true, HadErrors: true);
        }
        catch (RuntimeException e)
        {
            RenderTerminatingError(e);
            return new Outcome(Terminated: true, Stopped: false, HadErrors: true);
        }
        finally
        {
            lock (_gate)
            {
                _current = null;
            }
        }
    }

    /// <summary>A terminating error escapes the pipeline; show it the way PowerShell formats error records.</summary>
    private void RenderTerminatingError(RuntimeException error)
    {
        var record = error.ErrorRecord;
        var wrapped = new PSObject(record);
        // The error view renders incomplete input (e.g. "1 +") as nothing; its message says what is missing.
        if (error is not IncompleteParseException && MarkForErrorStream(wrapped))
        {
            try
            {
                using var ps = PowerShell.Create();
                ps.Runspace = _runspace;
                ps.AddCommand("Out-Default").Invoke(new object[] { wrapped });
                return;
            }
            catch (RuntimeException)
            {
            }
        }
        var source = record.InvocationInfo?.MyCommand?.Name is { Length: > 0 } name ? name
            : error is ParseException ? "ParserError" : record.Exception.GetType().Name;
        _host.UI.WriteErrorLine($"{source}: {record.Exception.Message}");
    }

    /// <summary>
    /// pwsh's console host sends an error to Out-Default marked for the error stream (PSObject.WriteStream, not public);
    /// false if this engine version does not have the marker, and the caller prints the message itself.
    /// </summary>
    private static bool MarkForErrorStream(PSObject wrapped)
    {
        var property = typeof(PSObject).GetProperty("WriteStream", BindingFlags.Instance | BindingFlags.NonPublic);
        if (property is null || !property.PropertyType.IsEnum || !Enum.TryParse(property.PropertyType, "Error", out var errorStream))
        {
            return false;
        }
        property.SetValue(wrapped, errorStream);
        return true;
    }

    [GeneratedRegex(@"^-(?<name>[A-Za-z_][\w-]*)(:(?<value>.*))?$", RegexOptions.Singleline)]
    private static partial Regex ParameterToken();

    private sealed record Outcome(bool Terminated, bool Stopped, bool HadErrors);

    /// <summary>The exit code when the script said `exit N`, was stopped (Ctrl+C) or ended by a terminating error.</summary>
    private int? EndedEarly(Outcome outcome) =>
        _host.ExitCode is { } exit ? exit : outcome.Stopped ? StoppedExitCode : outcome.Terminated ? 1 : null;
}
