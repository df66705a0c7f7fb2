using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Engine.Studies;

/// <summary>A tuning study: every seed × every arm (each profile fixed, and auto-tuned from it), simulated in parallel.</summary>
internal sealed record StudyOptions
{
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>The profiles the arms start from, already resolved.</summary>
    public required IReadOnlyList<ResolvedParameters> Profiles { get; init; }

    /// <summary>Resolves a profile by name, for the panic target of the auto-tuned arms.</summary>
    public required Func<string, ParameterSet> ProfileValues { get; init; }

    public int Iterations { get; init; } = 96;

    /// <summary>The simulated market every arm meets (a profile's policy.simulator), the default one unless given.</summary>
    public Sources.Simulation.MarketModel Market { get; init; } = Sources.Simulation.MarketModel.Default;
    public double IterationMinutes { get; init; } = 15;
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Where each run gets its own artifact root (&lt;root&gt;/&lt;arm&gt;/seed-&lt;n&gt;). Null: a folder of the study's own
    /// (<see cref="StudyRunner.Execute"/>), removed at the end when its runs are thrown away.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>
    /// The runs are thrown away: each run's folder is removed as soon as its statistics are taken, and its writes are not
    /// forced to disk (still atomic), since nothing reads them after a crash; a study is never resumed. False keeps
    /// every run, written as durably as any soak run.
    /// </summary>
    public bool ThrowawayRuns { get; init; }

    /// <summary>
    /// The arms of a seed share its simulated windows (the same window is never simulated twice for one seed). False
    /// simulates every arm's windows itself, as a reference for what sharing saves; the runs measure the same either way.
    /// </summary>
    public bool ShareWindows { get; init; } = true;

    /// <summary>The tuners each profile is also tuned by, one arm each (beside the profile held fixed).</summary>
    public IReadOnlyList<string> Tuners { get; init; } = Tuning.Tuners.Names;

    /// <summary>Seeds <paramref name="first"/> .. first + count − 1, refused when that passes the largest seed.</summary>
    /// <exception cref="SoakException">StudySeedsOutOfRange.</exception>
    public static IReadOnlyList<int> SeedRange(int first, int count)
    {
        if (count < 1 || (long)first + count - 1 > int.MaxValue)
        {
            throw new SoakException("StudySeedsOutOfRange", SoakErrorKind.InvalidArgument,
                $"{count} seeds from {first} pass the largest seed ({int.MaxValue}); start lower or use fewer seeds.", first);
        }
        return Enumerable.Range(first, count).ToList();
    }

    public IEnumerable<StudyArm> Arms() => Profiles.SelectMany(p => Tuners.Select(t => new StudyArm(p, t)).Prepend(new StudyArm(p, null)));
}

/// <summary>One arm: a profile held fixed (no tuner), or tuned from it by a tuner.</summary>
internal sealed record StudyArm(ResolvedParameters Profile, string? Tuner)
{
    public string ProfileName => Profile.Profile?.Name ?? "defaults";

    public bool AutoTune => Tuner is not null;

    public string Name => Tuner is null ? ProfileName : $"{ProfileName}+{Tuner}";
}
