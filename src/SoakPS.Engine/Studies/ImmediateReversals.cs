namespace SoakPS.Engine.Studies;

/// <summary>
/// Counts immediate reversals, the flip-flops a tuner should not make. An apply is an immediate reversal when, for at
/// least one parameter it changes, that change has the opposite sign of the parameter's previous applied change and
/// that previous change was applied in the iteration just before (one iteration apart). Each apply counts at most once;
/// an apply that changes nothing (no delta) is not an apply. A panic revert is an apply like any other.
/// </summary>
internal sealed class ImmediateReversals
{
    private readonly Dictionary<string, (int Iteration, int Sign)> _last = new(StringComparer.Ordinal);

    public int Count { get; private set; }

    /// <summary>Takes the applied deltas of <paramref name="iteration"/> (iterations in increasing order); true when the apply reverses.</summary>
    public bool Observe(int iteration, IEnumerable<KeyValuePair<string, decimal>> appliedDeltas)
    {
        var reverses = false;
        foreach (var (parameter, delta) in appliedDeltas)
        {
            var sign = Math.Sign(delta);
            if (sign == 0) continue;
            if (_last.TryGetValue(parameter, out var previous) && previous.Sign == -sign && iteration - previous.Iteration <= 1)
            {
                reverses = true;
            }
            _last[parameter] = (iteration, sign);
        }
        if (reverses) Count++;
        return reverses;
    }
}
