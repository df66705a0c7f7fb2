namespace SoakPS.Engine.Canary;

/// <summary>The totals of a canary report: constant size however long the run, so memory stays flat.</summary>
internal sealed class CanaryTotals
{
    public SortedDictionary<string, int> Verdicts { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> GuardEvents { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> Counters { get; set; } = new(StringComparer.Ordinal);
    public int Applies { get; set; }

    /// <summary>Market events simulated in this process (a resumed run counts from the resume).</summary>
    public long SimulatedEvents { get; set; }
    public TimeSpan Wall { get; set; }
    public long PeakWorkingSetBytes { get; set; }
    public long PeakManagedHeapBytes { get; set; }
}
