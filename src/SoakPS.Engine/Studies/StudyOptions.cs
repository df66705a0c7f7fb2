using SoakPS.Engine.Parameters;

namespace SoakPS.Engine.Studies;

/// <summary>A tuning study: every seed × every arm (each profile fixed, and auto-tuned from it), simulated in parallel.</summary>
public sealed record StudyOptions
{
    public required IReadOnlyList<int> Seeds { get; init; }

    /// <summary>The profiles the arms start from, already resolved.</summary>
    public required IReadOnlyList<ResolvedParameters> Profiles { get; init; }

    /// <summary>Resolves a profile by name, for the panic target of the auto-tuned arms.</summary>
    public required Func<string, ParameterSet> ProfileValues { get; init; }

    public int Iterations { get; init; } = 96;
    public double IterationMinutes { get; init; } = 15;
    public int Parallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>Where each run gets its own artifact root (&lt;root&gt;/&lt;arm&gt;/seed-&lt;n&gt;).</summary>
    public required string Root { get; init; }

    /// <summary>The root is the study's own temporary folder: removed however the study ends (completed, failed, Ctrl+C, SIGTERM).</summary>
    public bool Temporary { get; init; }

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

    public IEnumerable<StudyArm> Arms() => Profiles.SelectMany(p => new[] { new StudyArm(p, false), new StudyArm(p, true) });
}

/// <summary>One arm: a profile held fixed, or auto-tuned from it.</summary>
public sealed record StudyArm(ResolvedParameters Profile, bool AutoTune)
{
    public string ProfileName => Profile.Profile?.Name ?? "defaults";

    public string Name => AutoTune ? $"{ProfileName}+autotune" : ProfileName;
}
