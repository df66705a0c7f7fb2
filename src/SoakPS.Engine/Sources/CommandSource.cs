using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using SoakPS.Engine.Files;
using SoakPS.Engine.Sources.Processes;

namespace SoakPS.Engine.Sources;

/// <summary>
/// A real bot started once per iteration (docs/sources.md). It gets the overrides in MM_RUNTIME_OVERRIDES_JSON, the path of
/// the live file, where to write its report, the iteration and the run id; arguments go to it as a list, never through
/// a shell. Its stdout and stderr go to logs/iteration_&lt;n&gt;.out|err, bounded by <see cref="BoundedLog.MaxBytes"/>.
/// A non-zero exit, no report, a report older than the iteration or a timeout fail the iteration; on a timeout, on Stop
/// and after the bot exits, what is left of its process tree is killed.
/// </summary>
internal sealed class CommandSource : IEdgeReportSource
{
    public const string SourceName = "command";
    public const string CommandOption = "command";
    public const string ArgumentsOption = "arguments";
    public const string WorkingDirectoryOption = "working_directory";
    public const string TimeoutOption = "timeout_seconds";

    public const string OverridesJsonVariable = "MM_RUNTIME_OVERRIDES_JSON";
    public const string OverridesPathVariable = "SOAK_RUNTIME_OVERRIDES_PATH";
    public const string ReportPathVariable = "SOAK_EDGE_REPORT_PATH";
    public const string IterationVariable = "SOAK_ITERATION";
    public const string RunIdVariable = "SOAK_RUN_ID";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    /// <summary>How long the output of processes that outlived the kill may hold the log pipes open.</summary>
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(5);

    public CommandSource(string command, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        if (timeout <= TimeSpan.Zero)
        {
            throw new SoakException("InvalidIterationTimeout", SoakErrorKind.InvalidArgument, $"The iteration timeout must be positive, not {timeout.TotalSeconds} s.", timeout);
        }
        WorkingDirectory = Path.GetFullPath(workingDirectory);
        if (!Directory.Exists(WorkingDirectory))
        {
            throw new SoakException("WorkingDirectoryNotFound", SoakErrorKind.ObjectNotFound, $"The bot's working directory '{WorkingDirectory}' does not exist.", workingDirectory);
        }
        Command = CommandLocator.Resolve(command, WorkingDirectory);
        Arguments = arguments.ToArray();
        Timeout = timeout;
    }

    public string Command { get; }
    public IReadOnlyList<string> Arguments { get; }
    public string WorkingDirectory { get; }
    public TimeSpan Timeout { get; }

    public static IEdgeReportSource Create(SourceSettings settings)
    {
        string[] arguments;
        try
        {
            arguments = settings.Options.TryGetValue(ArgumentsOption, out var json) ? JsonSerializer.Deserialize<string[]>(json) ?? Array.Empty<string>() : Array.Empty<string>();
        }
        catch (JsonException e)
        {
            throw new SoakException("InvalidRunManifest", SoakErrorKind.InvalidData, $"The {ArgumentsOption} of a {SourceName} run must be a JSON array of strings: {e.Message}", SourceName, e);
        }
        var workingDirectory = settings.Options.TryGetValue(WorkingDirectoryOption, out var folder) ? folder : Environment.CurrentDirectory;
        return new CommandSource(settings.Required(CommandOption, SourceName), arguments, workingDirectory, settings.Seconds(TimeoutOption, SourceName, DefaultTimeout));
    }

    public string Name => SourceName;

    public SourceClock Clock => SourceClock.Wall;

    public TimeSpan DefaultInterval => TimeSpan.FromSeconds(300);

    public SourceSettings Settings => new(null, Options(Command, Arguments, WorkingDirectory, Timeout));

    /// <summary>The options that create a command source, as persisted in run.json.</summary>
    public static IReadOnlyDictionary<string, string> Options(string command, IReadOnlyList<string> arguments, string workingDirectory, TimeSpan timeout) =>
        new Dictionary<string, string>
        {
            [CommandOption] = command,
            [ArgumentsOption] = JsonSerializer.Serialize(arguments),
            [WorkingDirectoryOption] = workingDirectory,
            [TimeoutOption] = timeout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture),
        };

    public async Task<SourceResult> ObtainAsync(IterationContext context, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(context.LogsPath);
        Directory.CreateDirectory(Path.GetDirectoryName(context.ReportPath)!);
        var start = new ProcessStartInfo(Command)
        {
            WorkingDirectory = WorkingDirectory,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in Arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment[OverridesJsonVariable] = context.Overrides.ToCanonicalJson();
        start.Environment[OverridesPathVariable] = context.OverridesPath;
        start.Environment[ReportPathVariable] = context.ReportPath;
        start.Environment[IterationVariable] = context.Iteration.ToString(CultureInfo.InvariantCulture);
        start.Environment[RunIdVariable] = context.RunId;

        var startedUtc = ReportFreshness.Now();
        ProcessTree tree;
        try
        {
            tree = ProcessTree.Start(start);
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
        {
            return SourceResult.Failure($"the bot '{Command}' could not be started: {e.Message}");
        }
        using (tree)
        {
            // The bot reads no console input: it gets end-of-file at once instead of the operator's keystrokes.
            tree.Root.StandardInput.Close();
            var logName = Path.Combine(context.LogsPath, $"iteration_{context.Iteration.ToString(CultureInfo.InvariantCulture)}");
            var stdout = BoundedLog.CopyAsync(tree.Root.StandardOutput.BaseStream, logName + ".out");
            var stderr = BoundedLog.CopyAsync(tree.Root.StandardError.BaseStream, logName + ".err");
            string? timedOut = null;
            using (var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
            {
                deadline.CancelAfter(Timeout);
                try
                {
                    await tree.Root.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    timedOut = cancellationToken.IsCancellationRequested
                        ? null
                        : $"the bot did not finish within {Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; its process tree was killed";
                }
            }
            // Whatever is still running belongs to this iteration: the bot on timeout or Stop, children it left behind otherwise.
            tree.Kill();
            await DrainAsync(tree, stdout, stderr).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = timedOut is not null ? SourceResult.Failure(timedOut) : Outcome(tree.Root.ExitCode, context.ReportPath, startedUtc);
            // The bot's own words on why it failed are in its stderr log: the reason points there.
            return outcome.Failed ? SourceResult.Failure($"{outcome.FailureReason} (its output: {logName}.err and .out)") : outcome;
        }
    }

    private static async Task DrainAsync(ProcessTree tree, Task<long> stdout, Task<long> stderr)
    {
        var both = Task.WhenAll(stdout, stderr);
        if (await Task.WhenAny(both, Task.Delay(DrainTimeout)).ConfigureAwait(false) != both)
        {
            // A process outside the tree's reach still holds the pipes: stop reading, keep what arrived.
            tree.Root.StandardOutput.BaseStream.Dispose();
            tree.Root.StandardError.BaseStream.Dispose();
            await both.ConfigureAwait(false);
        }
    }

    private static SourceResult Outcome(int exitCode, string reportPath, DateTime startedUtc)
    {
        if (exitCode != 0)
        {
            return SourceResult.Failure($"the bot exited with code {exitCode.ToString(CultureInfo.InvariantCulture)}");
        }
        if (FileIdentity.Of(reportPath).IsLink)
        {
            return SourceResult.Failure($"the report '{reportPath}' is a symbolic link; the bot must write the report itself, not point to another file");
        }
        var report = new FileInfo(reportPath);
        if (!report.Exists)
        {
            return SourceResult.Failure($"the bot exited without writing its report to '{reportPath}'");
        }
        if (!ReportFreshness.IsFresh(report.LastWriteTimeUtc, startedUtc))
        {
            return SourceResult.Failure(ReportFreshness.Stale(reportPath, report.LastWriteTimeUtc, startedUtc));
        }
        try
        {
            // Not trusted: a bot that leaves a pipe or a gigabyte there must not hang or fill the run.
            return SourceResult.Report(InputFile.ReadTextNoLink(reportPath, EdgeReports.EdgeReportReader.MaxBytes));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException)
        {
            return SourceResult.Failure($"the report '{reportPath}' could not be read: {e.Message}");
        }
    }

    public void Dispose() { }
}
