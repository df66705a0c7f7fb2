namespace SoakPS.Engine.Tuning;

/// <summary>
/// policy.tuner: which tuner a run uses and, for the regime tuner, its classes of market with their thresholds and
/// presets. The built-in classes and presets are the output of the fitting command (docs/tuning.md).
/// </summary>
internal sealed record TunerPolicy
{
    public static TunerPolicy Default { get; } = new();

    public string Name { get; init; } = RegimeTuner.TunerName;

    /// <summary>From the calmest to the most defensive; the last one takes every window no other class claims.</summary>
    public IReadOnlyList<RegimeClass> Classes { get; init; } = BuiltInPresets.Classes;

    /// <summary>The position of a class in <see cref="Classes"/>; −1 for none.</summary>
    public int IndexOf(string? name)
    {
        for (var i = 0; i < Classes.Count; i++)
        {
            if (string.Equals(Classes[i].Name, name, StringComparison.Ordinal)) return i;
        }
        return -1;
    }
}
