using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Journal;

/// <summary>
/// The one way runtime_overrides.json changes, for every writer (a run's apply and state check, undo, profile
/// activation): under the cross-process overrides lock, the new values checked against the catalog, the change
/// journalled (flushed) and only then the file replaced atomically. The new file is staged on disk before the
/// journal record, so a full disk refuses the change instead of journalling a change that never happened.
/// </summary>
internal sealed class OverridesGateway
{
    public static readonly TimeSpan DefaultWait = TimeSpan.FromSeconds(30);

    private readonly ArtifactLayout _layout;
    private readonly ParameterCatalog _catalog;

    public OverridesGateway(ArtifactLayout layout, ParameterCatalog catalog)
    {
        _layout = layout;
        _catalog = catalog;
    }

    /// <summary>Takes the lock and reads the live file once; dispose to release.</summary>
    public OverridesAccess Open(CancellationToken cancellationToken = default) => Open(null, cancellationToken);

    /// <summary>As <see cref="Open(CancellationToken)"/>; a live file holding exactly the bytes of <paramref name="known"/> is not parsed again.</summary>
    public OverridesAccess Open(ParameterSet? known, CancellationToken cancellationToken = default)
    {
        var held = OverridesWriteLock.Acquire(_layout, DefaultWait, cancellationToken);
        try
        {
            return new OverridesAccess(held, new OverridesFile(_layout), _catalog, known);
        }
        catch
        {
            held.Dispose();
            throw;
        }
    }

    /// <summary>
    /// An operator's change (a profile activated): journalled in the latest run's journal as an external change, so a
    /// run in progress keeps it and an undo does not reach past it.
    /// </summary>
    public void ReplaceByOperator(ParameterSet values, string detail, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        using var access = Open(cancellationToken);
        JournalFile? journal = null;
        JournalEntry? record = null;
        if (_layout.LatestRun.Exists && TryReadRunId(_layout.LatestRun) is { } runId)
        {
            journal = new JournalFile(_layout.LatestRun.Journal);
            record = new JournalEntry
            {
                Type = JournalEntry.ExternalChange, RunId = runId, At = at, Detail = detail, Pid = Environment.ProcessId,
                Previous = access.Live.Values is { } before ? Sorted(before) : null, Overrides = Sorted(values), StateHash = values.StateHash(),
            };
        }
        access.Commit(values, journal, record);
    }

    internal static SortedDictionary<string, decimal> Sorted(ParameterSet values) => new(values.Values.ToDictionary(), StringComparer.Ordinal);

    private static string? TryReadRunId(RunFolder folder)
    {
        try
        {
            return Records.RunManifest.Read(folder).RunId;
        }
        catch (SoakException)
        {
            return null;
        }
    }
}

/// <summary>The overrides lock held by one writer, with what the live file held when it was taken.</summary>
internal sealed class OverridesAccess : IDisposable
{
    private readonly OverridesWriteLock _lock;
    private readonly OverridesFile _file;
    private readonly ParameterCatalog _catalog;

    internal OverridesAccess(OverridesWriteLock held, OverridesFile file, ParameterCatalog catalog, ParameterSet? known = null)
    {
        _lock = held;
        _file = file;
        _catalog = catalog;
        Live = file.Read(catalog, known);
    }

    /// <summary>runtime_overrides.json as read under the lock (or after this writer's last commit).</summary>
    public OverridesReadResult Live { get; private set; }

    public string Path => _file.Path;

    /// <summary>
    /// Checks <paramref name="values"/> (every parameter present and in bounds), stages the new file, appends
    /// <paramref name="record"/> to <paramref name="journal"/> (flushed) and then puts the file in place. Null values
    /// journal only. Nothing is journalled or written when the values are refused or the staging fails.
    /// </summary>
    public void Commit(ParameterSet? values, JournalFile? journal, JournalEntry? record)
    {
        string? staged = null;
        if (values is not null)
        {
            OverridesFile.Validate(values, _catalog, "the new overrides");
            if (Live.Values is null || !Live.Values.Equals(values))
            {
                staged = _file.Stage(values);
            }
        }
        try
        {
            long? journalledAt = null;
            if (journal is not null && record is not null)
            {
                journalledAt = journal.Append(record);
            }
            if (staged is not null)
            {
                try
                {
                    ArtifactFileSystem.Current.Replace(staged, _file.Path);
                }
                catch when (journalledAt is not null)
                {
                    // The live file is unchanged (e.g. a Windows reader held it past the retries): take the record back.
                    journal!.Withdraw(journalledAt.Value);
                    throw;
                }
                staged = null;
            }
        }
        finally
        {
            if (staged is not null)
            {
                try { File.Delete(staged); } catch (IOException) { } catch (UnauthorizedAccessException) { }
            }
        }
        if (values is not null)
        {
            Live = new OverridesReadResult(true, values, null, null);
        }
    }

    /// <summary>Moves an invalid live file aside (renamed, never deleted) before it is replaced; returns where it went.</summary>
    public string? SetAsideLive(DateTimeOffset now)
    {
        var kept = SetAside.Move(_file.Path, now);
        Live = _file.Read(_catalog);
        return kept;
    }

    public void Dispose() => _lock.Dispose();
}
