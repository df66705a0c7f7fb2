namespace SoakPS.Engine.Tuning;

/// <summary>The built-in tuners by name (policy.tuner.name, or the run's explicit choice).</summary>
internal static class Tuners
{
    public static IReadOnlyList<string> Names { get; } = new[] { RegimeTuner.TunerName, RulesTuner.TunerName };

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.Ordinal);

    public static ITuner For(string name) => name switch
    {
        RegimeTuner.TunerName => new RegimeTuner(),
        RulesTuner.TunerName => new RulesTuner(),
        _ => throw Unknown(name),
    };

    public static SoakException Unknown(string name) =>
        new("UnknownTuner", SoakErrorKind.InvalidArgument, $"There is no tuner '{name}'; the tuners are {string.Join(" and ", Names)}.", name);
}
