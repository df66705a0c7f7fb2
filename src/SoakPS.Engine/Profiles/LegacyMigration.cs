using SoakPS.Engine.Files;
using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Profiles;

/// <summary>What one migration step does to one file of the older tool.</summary>
/// <remarks>Public: the type of SoakLegacyMigrationAction.Action, which users filter by.</remarks>
public enum MigrationActionKind
{
    /// <summary>A valid old profile overrides file becomes the user profile legacy_&lt;name&gt;.</summary>
    ImportProfile,

    /// <summary>A file SoakPS no longer uses (or an old profile that is not valid) is moved into legacy/.</summary>
    Retire,
}

/// <summary>One planned or performed move. <see cref="BackupPath"/> is where an existing destination is moved first.</summary>
internal sealed record MigrationAction(MigrationActionKind Kind, string Source, string Destination, string? BackupPath, string Reason);

/// <summary>
/// Moves the older tool's files out of the way on request (docs/parameters.md). steady_safe_overrides.json and
/// ultra_safe_overrides.json become user profiles legacy_steady_safe and legacy_ultra_safe (their own names belong to
/// the built-ins); steady_overrides.json and applied_profile.json move into legacy/. Nothing is deleted and no
/// existing destination is overwritten: it is first renamed to &lt;name&gt;.&lt;n&gt;.bak. A second run finds nothing to do.
/// </summary>
internal sealed class LegacyMigration
{
    public const string LegacyFolderName = "legacy";

    private static readonly (string File, string Profile)[] OldProfiles =
    {
        ("steady_safe_overrides.json", "legacy_steady_safe"),
        ("ultra_safe_overrides.json", "legacy_ultra_safe"),
    };

    private static readonly string[] RetiredFiles = { "steady_overrides.json", "applied_profile.json" };

    private readonly ArtifactLayout _layout;
    private readonly ParameterCatalog _catalog;

    public LegacyMigration(ArtifactLayout layout, ParameterCatalog? catalog = null)
    {
        _layout = layout;
        _catalog = catalog ?? ParameterCatalog.Default;
    }

    public string LegacyFolder => Path.Combine(_layout.Root, LegacyFolderName);

    /// <summary>The moves that <see cref="Execute"/> would make now; empty when there is nothing left to migrate.</summary>
    public IReadOnlyList<MigrationAction> Plan()
    {
        var actions = new List<MigrationAction>();
        foreach (var (file, profile) in OldProfiles)
        {
            var source = Path.Combine(_layout.Root, file);
            if (!File.Exists(source)) continue;
            var destination = _layout.ProfileFile(profile);
            string? invalid = null;
            try
            {
                ProfileFile.Parse(profile, InputFile.ReadText(source, ProfileStore.MaxProfileBytes), source, _catalog);
            }
            catch (SoakException e)
            {
                invalid = e.Message;
            }
            actions.Add(invalid is null
                ? new MigrationAction(MigrationActionKind.ImportProfile, source, destination, BackupFor(destination),
                    $"old profile overrides become user profile '{profile}'")
                : Retire(source, $"not a valid profile, kept for reference: {invalid}"));
        }
        foreach (var file in RetiredFiles)
        {
            var source = Path.Combine(_layout.Root, file);
            if (File.Exists(source)) actions.Add(Retire(source, "no longer used by SoakPS"));
        }
        return actions;
    }

    /// <summary>
    /// Performs the moves <paramref name="mayMove"/> allows, asked with the file and what would become of it; tells
    /// <paramref name="verbose"/> each move made, or that there was nothing to migrate. Returns the moves made.
    /// </summary>
    public IReadOnlyList<MigrationAction> Run(Func<string, string, bool> mayMove, Action<string> verbose)
    {
        if (Plan().Count == 0)
        {
            verbose($"No files of the older tool under '{_layout.Root}'; nothing to migrate.");
            return Array.Empty<MigrationAction>();
        }
        var done = Execute(action => mayMove(action.Source,
            $"{action.Kind}: move to '{action.Destination}'" + (action.BackupPath is null ? string.Empty : $" after moving the existing file to '{action.BackupPath}'")));
        foreach (var action in done)
        {
            verbose($"Moved '{action.Source}' to '{action.Destination}' ({action.Reason}).");
        }
        return done;
    }

    /// <summary>Performs the planned moves that <paramref name="shouldProcess"/> allows; returns the ones made.</summary>
    public IReadOnlyList<MigrationAction> Execute(Func<MigrationAction, bool>? shouldProcess = null)
    {
        var done = new List<MigrationAction>();
        foreach (var action in Plan())
        {
            if (shouldProcess is not null && !shouldProcess(action)) continue;
            Directory.CreateDirectory(Path.GetDirectoryName(action.Destination)!);
            if (File.Exists(action.Destination))
            {
                // Recomputed at the moment of the move, in case the plan was made earlier.
                File.Move(action.Destination, BackupFor(action.Destination)!);
            }
            File.Move(action.Source, action.Destination);
            done.Add(action);
        }
        return done;
    }

    private MigrationAction Retire(string source, string reason)
    {
        var destination = Path.Combine(LegacyFolder, Path.GetFileName(source));
        return new MigrationAction(MigrationActionKind.Retire, source, destination, BackupFor(destination), reason);
    }

    private static string? BackupFor(string destination)
    {
        if (!File.Exists(destination)) return null;
        for (var n = 1; ; n++)
        {
            var candidate = $"{destination}.{n}.bak";
            if (!File.Exists(candidate)) return candidate;
        }
    }
}
