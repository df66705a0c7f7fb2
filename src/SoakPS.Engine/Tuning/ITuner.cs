using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Tuning;

/// <summary>
/// A tuner: from what the run knows after a valid window (its report, the values in force, the guard state) and the
/// policy, it proposes deltas with a rationale. Guards, journal and apply stay the run's.
/// </summary>
internal interface ITuner
{
    string Name { get; }

    Proposal Propose(TuningInput input);
}

/// <summary>What a tuner is given for one iteration: the rules tuner reads <paramref name="Rules"/>, the regime tuner <paramref name="Tuner"/>.</summary>
internal sealed record TuningInput(EdgeMetrics Metrics, ParameterSet Current, ParameterCatalog Catalog, RuleSet Rules, TunerPolicy Tuner, TuningState State);
