namespace SoakPS.Engine.Tuning;

/// <summary>
/// One class of market the regime tuner tells apart, and the preset it moves to when the last window was of that
/// class. A window belongs to the first class whose conditions all hold; the last class takes every other window.
/// </summary>
internal sealed record RegimeClass(string Name, IReadOnlyList<RuleCondition> When, IReadOnlyDictionary<string, decimal> Preset)
{
    /// <summary>How the preset was found (the fitting command's figures), kept with it in a profile; null when written by hand.</summary>
    public PresetEvidence? Evidence { get; init; }
}

/// <summary>What a fit measured for a preset: on how many windows that followed a window of its class, and with which outcome.</summary>
internal sealed record PresetEvidence(
    int Seeds,
    int Windows,
    int Candidates,
    double OkShare,
    double FailShare,
    double NetUsdPerWindow,
    double VolumeUsdPerWindow);
