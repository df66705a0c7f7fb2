using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;

namespace SoakPS.Module.Tests;

/// <summary>The result of one script run in the hosted engine: output objects and every stream.</summary>
public sealed record ScriptResult(
    IReadOnlyList<PSObject> Output,
    IReadOnlyList<ErrorRecord> Errors,
    IReadOnlyList<WarningRecord> Warnings,
    IReadOnlyList<VerboseRecord> Verbose,
    IReadOnlyList<ProgressRecord> Progress,
    IReadOnlyList<InformationRecord> Information,
    Exception? Terminating)
{
    public T Single<T>() => Assert.Single(Output.Select(o => o.BaseObject).OfType<T>());

    /// <summary>Every error of the run: non-terminating records and the terminating one, if any.</summary>
    public IReadOnlyList<ErrorRecord> AllErrors =>
        Errors.Concat(Terminating is IContainsErrorRecord r ? new[] { r.ErrorRecord } : Array.Empty<ErrorRecord>()).ToArray();

    public ErrorRecord ErrorWithId(string errorId) =>
        Assert.Single(AllErrors, e => e.FullyQualifiedErrorId.Split(',')[0] == errorId);
}

/// <summary>
/// A real PowerShell 7.6 runspace (Microsoft.PowerShell.SDK: every built-in cmdlet, Export-Csv and Select-Object
/// included) that imports the built module from out/SoakPS, the way a user does.
/// Each test gets its own runspace and its own temporary artifact root. Without a host (the default) -WhatIf text
/// goes nowhere and -Confirm cannot prompt, as in any host-less runspace; pass a <see cref="RecordingHost"/> to see
/// WhatIf text, answer prompts and render objects through the module's format views (<see cref="Render"/>).
/// </summary>
public sealed class PowerShellSession : IDisposable
{
    private readonly Runspace _runspace;

    public PowerShellSession(RecordingHost? host = null)
    {
        Host = host;
        ArtifactRoot = Path.Combine(Path.GetTempPath(), "soakps-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(ArtifactRoot);
        var state = InitialSessionState.CreateDefault2();
        _runspace = host is null ? RunspaceFactory.CreateRunspace(state) : RunspaceFactory.CreateRunspace(host, state);
        _runspace.Open();
        if (host is not null)
        {
            Run("$PSStyle.OutputRendering = 'PlainText'");
        }
        var import = Run($"Import-Module '{ModulePath}' -ErrorAction Stop");
        if (import.Terminating is not null || import.Errors.Count > 0)
        {
            throw new InvalidOperationException("Import-Module SoakPS failed: " + (import.Terminating?.Message ?? import.Errors[0].ToString()));
        }
        Run($"Set-Location -LiteralPath '{ArtifactRoot}'");
    }

    public static string RepoRoot { get; } = FindRepoRoot();

    public static string ModulePath => Path.Combine(RepoRoot, "out", "SoakPS", "SoakPS.psd1");

    /// <summary>A fresh directory per session, passed to cmdlets as -ArtifactPath by the tests.</summary>
    public string ArtifactRoot { get; }

    public Runspace Runspace => _runspace;

    public RecordingHost? Host { get; }

    /// <summary>
    /// What a user would see: the script's output rendered by Out-Default with the module's format views
    /// as the host's console shows it, escapes stripped. Needs a session made with a RecordingHost.
    /// </summary>
    public string Render(string script)
    {
        var ui = Host?.Interface ?? throw new InvalidOperationException("Render needs a PowerShellSession created with a RecordingHost.");
        var before = ui.Text.Length;
        var result = Run("& {\n" + script + "\n} | Out-Default");
        if (result.Terminating is not null)
        {
            throw new InvalidOperationException("Rendering failed: " + result.Terminating.Message, result.Terminating);
        }
        return ui.Text[before..];
    }

    public ScriptResult Run(string script, IDictionary<string, object?>? variables = null)
    {
        using var ps = PowerShell.Create();
        ps.Runspace = _runspace;
        if (variables is not null)
        {
            foreach (var (name, value) in variables)
            {
                _runspace.SessionStateProxy.SetVariable(name, value);
            }
        }
        ps.AddScript(script);
        Collection<PSObject> output = new();
        Exception? terminating = null;
        try
        {
            output = ps.Invoke();
        }
        catch (RuntimeException e)
        {
            terminating = e;
        }
        return new ScriptResult(output, ps.Streams.Error.ToArray(), ps.Streams.Warning.ToArray(), ps.Streams.Verbose.ToArray(),
            ps.Streams.Progress.ToArray(), ps.Streams.Information.ToArray(), terminating);
    }

    public void Dispose()
    {
        _runspace.Dispose();
        try { Directory.Delete(ArtifactRoot, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SoakPS.sln")))
        {
            dir = dir.Parent;
        }
        return dir?.FullName ?? throw new InvalidOperationException("SoakPS.sln not found above " + AppContext.BaseDirectory);
    }
}
