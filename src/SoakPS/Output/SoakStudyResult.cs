namespace SoakPS.Output;

/// <summary>
/// Which of Invoke-SoakStudy's results to write. PowerShell shows the first type it receives as a table and later types
/// as lists, so one kind per call gives one clean table; All writes every kind, for a variable or a filter.
/// </summary>
public enum SoakStudyResult
{
    /// <summary>Runs as they end, then arms, regimes and pairs.</summary>
    All,

    /// <summary>One SoakStudyRun per (seed, arm).</summary>
    Runs,

    /// <summary>One SoakStudySummary per arm.</summary>
    Arms,

    /// <summary>One SoakStudyRegime per arm and regime.</summary>
    Regimes,

    /// <summary>One SoakStudyComparison per pair of arms.</summary>
    Pairs,
}
