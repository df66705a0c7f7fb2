using SoakPS.Engine.Records;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Sources.Simulation;

namespace SoakPS.Engine.Studies;

/// <summary>
/// What one candidate did on every window of a preset fit: FAIL windows by the window's regime, and by the class of the
/// window before (the class whose preset would have met it) the windows, their regimes, OK windows among those that
/// stayed in the class, net USD and volume. <see cref="Judge"/> turns it into a class's <see cref="PresetCandidate"/>.
/// </summary>
internal sealed class WindowTally
{
    private static readonly int Regimes = Enum.GetValues<MarketRegime>().Length;

    private readonly long[] _byRegime = new long[Regimes];
    private readonly long[] _failByRegime = new long[Regimes];
    private readonly long[,] _followersByRegime;
    private readonly long[] _same;
    private readonly long[] _sameOk;
    private readonly double[] _usd;
    private readonly double[] _volume;

    public WindowTally(int classes)
    {
        _followersByRegime = new long[classes, Regimes];
        _same = new long[classes];
        _sameOk = new long[classes];
        _usd = new double[classes];
        _volume = new double[classes];
    }

    public void Add(MarketRegime regime, int after, bool sameClass, Verdict verdict, double netUsd, double volumeUsd)
    {
        var r = (int)regime;
        _byRegime[r]++;
        if (verdict == Verdict.FAIL) _failByRegime[r]++;
        _followersByRegime[after, r]++;
        if (sameClass)
        {
            _same[after]++;
            if (verdict == Verdict.OK) _sameOk[after]++;
        }
        _usd[after] += netUsd;
        _volume[after] += volumeUsd;
    }

    public void Merge(WindowTally other)
    {
        for (var r = 0; r < Regimes; r++)
        {
            _byRegime[r] += other._byRegime[r];
            _failByRegime[r] += other._failByRegime[r];
        }
        for (var c = 0; c < _same.Length; c++)
        {
            for (var r = 0; r < Regimes; r++) _followersByRegime[c, r] += other._followersByRegime[c, r];
            _same[c] += other._same[c];
            _sameOk[c] += other._sameOk[c];
            _usd[c] += other._usd[c];
            _volume[c] += other._volume[c];
        }
    }

    /// <summary>
    /// The candidate as a preset of class <paramref name="cls"/>: OK share, net USD and volume on the windows that followed
    /// the class; FAIL share = Σ over regimes of (share of that regime among those windows) × (FAIL share of the regime
    /// over every window of the fit), so each regime's FAIL rate rests on all its windows, not on the few after one class.
    /// </summary>
    public PresetCandidate Judge(ParameterSet values, int cls)
    {
        long followers = 0;
        double fail = 0;
        for (var r = 0; r < Regimes; r++)
        {
            followers += _followersByRegime[cls, r];
            if (_byRegime[r] > 0) fail += _followersByRegime[cls, r] * ((double)_failByRegime[r] / _byRegime[r]);
        }
        return followers == 0
            ? new PresetCandidate(values, 0, 0, 0, 0)
            : new PresetCandidate(values, _same[cls] > 0 ? (double)_sameOk[cls] / _same[cls] : 0, fail / followers, _usd[cls] / followers, _volume[cls] / followers);
    }
}
