using SoakPS.Engine.Guards;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Studies;

/// <summary>Accumulates <see cref="RunStatistics"/> from a run's completed iterations, in order, with bounded memory.</summary>
internal sealed class RunTally
{
    private const string PanicGuard = "panic";

    private readonly int _verdictWindow;
    private readonly Queue<(double Net, double Risk)> _final = new();
    private readonly Dictionary<string, VerdictCounts> _byRegime = new(StringComparer.Ordinal);
    private readonly ImmediateReversals _reversals = new();
    private VerdictCounts _verdicts;
    private int _iterations, _applies, _guardEvents, _panics, _netUsdWindows, _volumeWindows;
    private double _netBps, _netUsd, _volumeUsd;

    /// <param name="verdictWindow">How many last iterations the run verdict (and the final figures) look at.</param>
    public RunTally(int verdictWindow) => _verdictWindow = Math.Max(1, verdictWindow);

    public void Add(IterationSummary s)
    {
        _iterations++;
        var metrics = s.Summary;
        _netBps += metrics.NetBps ?? 0;
        _final.Enqueue((metrics.NetBps ?? 0, metrics.RiskRatio ?? 0));
        if (_final.Count > _verdictWindow) _final.Dequeue();
        if (metrics.NetUsd is { } net) { _netUsd += net; _netUsdWindows++; }
        if (metrics.VolumeUsd is { } volume) { _volumeUsd += volume; _volumeWindows++; }
        _verdicts = _verdicts.Add(s.Kpi.Verdict);
        if (s.Regime is { } regime)
        {
            _byRegime[regime] = _byRegime.GetValueOrDefault(regime).Add(s.Kpi.Verdict);
        }
        if (s.Tuning.Applied)
        {
            _applies++;
            _reversals.Observe(s.Iteration, s.Tuning.Deltas);
        }
        _guardEvents += s.Tuning.Events.Count;
        _panics += s.Tuning.Events.Count(e => e.Guard == PanicGuard && e.Code == PanicRevertGuard.RevertCode);
    }

    public RunStatistics Result(string runVerdict) => new()
    {
        RunVerdict = runVerdict,
        Iterations = _iterations,
        Verdicts = _verdicts,
        VerdictsByRegime = new Dictionary<string, VerdictCounts>(_byRegime, StringComparer.Ordinal),
        MeanNetBps = _iterations > 0 ? _netBps / _iterations : 0,
        FinalNetBps = _final.Count > 0 ? _final.Average(f => f.Net) : 0,
        FinalRiskRatio = _final.Count > 0 ? _final.Average(f => f.Risk) : 0,
        NetUsdPerWindow = _netUsdWindows > 0 ? _netUsd / _netUsdWindows : double.NaN,
        VolumeUsdPerWindow = _volumeWindows > 0 ? _volumeUsd / _volumeWindows : double.NaN,
        Applies = _applies,
        ImmediateReversals = _reversals.Count,
        GuardEvents = _guardEvents,
        PanicReverts = _panics,
    };
}
