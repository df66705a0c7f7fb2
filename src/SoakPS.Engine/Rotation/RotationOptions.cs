namespace SoakPS.Engine.Rotation;

/// <summary>What rotation keeps and when it compresses (Invoke-SoakRotation's help page). Defaults are the documented ones.</summary>
internal sealed record RotationOptions
{
    /// <summary>Newest iteration summaries kept per finished run, by iteration number.</summary>
    public int KeepSummaries { get; init; } = 100;

    /// <summary>Snapshots (and summaries of earlier runs) older than this are compressed to .json.gz.</summary>
    public double CompressAfterDays { get; init; } = 7;

    /// <summary>The size budget of the whole artifact root; exceeding it is flagged, never enforced by deleting more.</summary>
    public long MaxSizeMB { get; init; } = 500;

    /// <summary>Newest run folders kept under runs/; null keeps them all. latest/ is never removed.</summary>
    public int? KeepRuns { get; init; }

    /// <summary>Temp files of interrupted writes older than this are removed; younger ones may belong to a writer at work.</summary>
    public TimeSpan StaleTempAge { get; init; } = TimeSpan.FromMinutes(15);

    public long MaxSizeBytes => checked(MaxSizeMB * 1024 * 1024);

    /// <summary>Refuses options that make no sense, before anything is planned.</summary>
    public void Validate()
    {
        if (KeepSummaries < 0) throw Invalid(nameof(KeepSummaries), KeepSummaries, "0 or more");
        if (!double.IsFinite(CompressAfterDays) || CompressAfterDays < 0) throw Invalid(nameof(CompressAfterDays), CompressAfterDays, "a finite number of days, 0 or more");
        if (MaxSizeMB <= 0 || MaxSizeMB > long.MaxValue / (1024 * 1024)) throw Invalid(nameof(MaxSizeMB), MaxSizeMB, "a positive number of megabytes");
        if (KeepRuns is < 0) throw Invalid(nameof(KeepRuns), KeepRuns, "0 or more");
        if (StaleTempAge < TimeSpan.Zero) throw Invalid(nameof(StaleTempAge), StaleTempAge, "0 or more");
    }

    private static SoakException Invalid(string name, object? value, string expected) =>
        new("InvalidRotationOption", SoakErrorKind.InvalidArgument, $"-{name} {value} is not allowed: it must be {expected}.", value);
}
