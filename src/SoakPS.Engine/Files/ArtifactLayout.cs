namespace SoakPS.Engine.Files;

/// <summary>Every path under the artifact root (docs/artifacts.md). Names that come from users are checked before they become paths.</summary>
internal sealed class ArtifactLayout
{
    public const string DefaultRoot = "artifacts/soak";
    public const string RootEnvironmentVariable = "SOAK_ARTIFACTS_DIR";

    public ArtifactLayout(string root)
    {
        Root = Path.GetFullPath(root);
    }

    /// <summary>The explicit path if given, else SOAK_ARTIFACTS_DIR, else ./artifacts/soak relative to <paramref name="currentDirectory"/>.</summary>
    public static ArtifactLayout Resolve(string? explicitPath, string currentDirectory)
    {
        var named = !string.IsNullOrWhiteSpace(explicitPath)
            ? explicitPath
            : Environment.GetEnvironmentVariable(RootEnvironmentVariable) is { Length: > 0 } env ? env : null;
        var chosen = named ?? DefaultRoot;
        return new ArtifactLayout(Path.IsPathRooted(chosen) ? chosen : Path.Combine(currentDirectory, chosen)) { IsDefault = named is null };
    }

    public string Root { get; }

    /// <summary>True when neither an explicit path nor SOAK_ARTIFACTS_DIR chose the root (./artifacts/soak).</summary>
    public bool IsDefault { get; private init; }

    /// <summary>
    /// Refuses a root named by the user whose parent folder does not exist either: writing one file there would create a
    /// tree of folders from a mistyped path. A missing root itself is created, as mkdir would; so is the default root.
    /// </summary>
    public void RequireCreatable()
    {
        if (IsDefault || Directory.Exists(Root) || Path.GetDirectoryName(Root) is not { } parent || Directory.Exists(parent)) return;
        throw new SoakException("ArtifactPathNotFound", SoakErrorKind.ObjectNotFound,
            $"Neither the artifact folder '{Root}' nor its parent '{parent}' exists; create the folder first if that is the path you meant.", Root);
    }

    /// <summary>
    /// The names at the top of an artifact root that belong to the engine: folders with everything in them, the live
    /// file and the locks. No file a user names for output may land on one of them (compared without case, as on
    /// Windows and macOS), nor on one set aside as "&lt;name&gt;.invalid-…" or on a temp file of an atomic write.
    /// </summary>
    public static readonly IReadOnlyList<string> ReservedNames = new[]
    {
        "runtime_overrides.json", "profiles", "latest", "runs", "snapshots", "rotation", "soak.lock", ".soak.lock",
        ".overrides.lock", "legacy",
    };

    /// <summary>Files whose presence marks a folder as an artifact root, whoever's it is.</summary>
    private static readonly string[] RootMarkers = { "runtime_overrides.json", "soak.lock", ".soak.lock", Path.Combine("latest", "run.json") };

    public static bool IsReservedName(string name) =>
        AtomicFile.IsTempFile(name) || ReservedNames.Any(reserved =>
            name.Equals(reserved, StringComparison.OrdinalIgnoreCase) ||
            name.StartsWith(reserved + ".invalid-", StringComparison.OrdinalIgnoreCase));

    /// <summary>Whether <paramref name="folder"/> holds the files of an artifact root (a run has used it).</summary>
    public static bool LooksLikeRoot(string folder) => RootMarkers.Any(marker => Path.Exists(Path.Combine(folder, marker)));

    /// <summary>
    /// Refuses a root that cannot be an artifact folder (a file, a device, a symlink that resolves nowhere) and, for
    /// readers, one that does not exist: reading a mistyped path must not look like "no iterations".
    /// </summary>
    public void RequireUsableRoot(bool mustExist)
    {
        switch (FileKind.Of(Root))
        {
            case FileKindValue.Directory:
                return;
            case FileKindValue.RegularFile:
                throw NotUsable("ArtifactPathNotAFolder", $"The artifact path '{Root}' is a file, not a folder.");
            case FileKindValue.Other:
                throw NotUsable("ArtifactPathNotAFolder", $"The artifact path '{Root}' is a device, pipe or socket, not a folder.");
        }
        if (new FileInfo(Root).LinkTarget is { } target)
        {
            throw NotUsable("ArtifactPathUnresolvable", $"The artifact path '{Root}' is a symbolic link to '{target}' that does not resolve to a folder (a loop or a missing target).");
        }
        if (mustExist)
        {
            throw new SoakException("ArtifactPathNotFound", SoakErrorKind.ObjectNotFound, $"The artifact folder '{Root}' does not exist.", Root);
        }
    }

    private SoakException NotUsable(string errorId, string message) => new(errorId, SoakErrorKind.InvalidArgument, message, Root);
    public string RuntimeOverrides => Path.Combine(Root, "runtime_overrides.json");
    public string Profiles => Path.Combine(Root, "profiles");
    public string Latest => Path.Combine(Root, "latest");
    public string Runs => Path.Combine(Root, "runs");
    public string Snapshots => Path.Combine(Root, "snapshots");
    public string Rotation => Path.Combine(Root, "rotation");
    public string RotationLog => Path.Combine(Rotation, "ROTATION_LOG.jsonl");

    /// <summary>Who holds the run lock (pid, host, run id, since): read only to name the holder in an error.</summary>
    public string LockFile => Path.Combine(Root, "soak.lock");

    /// <summary>The file a run keeps open without sharing for its whole life: the OS lock itself, never deleted.</summary>
    public string RunLockHandle => Path.Combine(Root, ".soak.lock");

    public RunFolder LatestRun => new(Latest);

    public RunFolder Run(string runId) => new(Path.Combine(Runs, SafeName.Check(runId, "run id")));

    public string ProfileFile(string name) => Path.Combine(Profiles, SafeName.Check(name, "profile name") + ".json");
}

/// <summary>The files of one run: latest/ or runs/&lt;id&gt;/.</summary>
internal sealed class RunFolder
{
    public RunFolder(string path) => Path = path;

    public string Path { get; }
    public string RunManifest => System.IO.Path.Combine(Path, "run.json");
    public string Reports => System.IO.Path.Combine(Path, "reports");
    public string Logs => System.IO.Path.Combine(Path, "logs");
    public string TuningReport => System.IO.Path.Combine(Path, "TUNING_REPORT.json");
    public string TuningState => System.IO.Path.Combine(Path, "TUNING_STATE.json");
    public string Journal => System.IO.Path.Combine(Path, "journal.jsonl");

    public string IterationSummary(int n) => System.IO.Path.Combine(Path, $"ITER_SUMMARY_{n}.json");

    public string EdgeReport(int n) => System.IO.Path.Combine(Reports, $"EDGE_REPORT_{n}.json");

    public bool Exists => File.Exists(RunManifest);
}
