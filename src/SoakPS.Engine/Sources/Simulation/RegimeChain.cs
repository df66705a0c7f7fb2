namespace SoakPS.Engine.Sources.Simulation;

/// <summary>
/// The regime of each iteration: a Markov chain over iterations starting calm, stepped by a stream of its own seed,
/// so the path depends on the seed and the transition policy only, never on the parameters or on resuming.
/// </summary>
internal sealed class RegimeChain
{
    private const long StreamTag = 0x5EED_C4A1;

    private readonly int _seed;
    private readonly double[][] _transitions;
    private int _index;
    private MarketRegime _regime = MarketRegime.Calm;

    public RegimeChain(int seed, double[][] transitions)
    {
        Validate(transitions);
        _seed = seed;
        _transitions = transitions;
    }

    /// <summary>The regime of 1-based iteration n (iteration 1 is the first step from calm).</summary>
    public MarketRegime At(int iteration)
    {
        if (iteration < _index)
        {
            // Only the current step is kept (memory stays flat over long runs); going back walks again from calm.
            _index = 0;
            _regime = MarketRegime.Calm;
        }
        while (_index < iteration)
        {
            var from = (int)_regime;
            var rng = SplitMix64.For(_seed ^ StreamTag, _index + 1);
            var draw = rng.NextDouble();
            var row = _transitions[from];
            // A draw past a row that sums to a hair under 1 lands on the last regime the row can reach, never on one it cannot.
            var to = Array.FindLastIndex(row, p => p > 0);
            for (var j = 0; j < row.Length; j++)
            {
                draw -= row[j];
                if (draw < 0) { to = j; break; }
            }
            _regime = (MarketRegime)to;
            _index++;
        }
        return _regime;
    }

    /// <summary>How far a row's sum may be from 1: room for decimals such as 0.85 + 0.12 + 0.03, none for a typo.</summary>
    public const double RowSumTolerance = 1e-6;

    /// <summary>A row of the matrix: probabilities in [0, 1] that sum to 1 within <see cref="RowSumTolerance"/>.</summary>
    public static bool IsDistribution(IReadOnlyCollection<double> row) =>
        row.All(p => double.IsFinite(p) && p is >= 0 and <= 1) && Math.Abs(row.Sum() - 1) <= RowSumTolerance;

    private static void Validate(double[][] transitions)
    {
        var n = Enum.GetValues<MarketRegime>().Length;
        if (transitions.Length != n || transitions.Any(row => row.Length != n || !IsDistribution(row)))
        {
            throw new SoakException("InvalidRegimeTransitions", SoakErrorKind.InvalidArgument,
                $"Regime transition probabilities must be a {n}×{n} matrix of probabilities whose rows sum to 1.");
        }
    }
}
