namespace SoakPS.Engine.Canary;

/// <summary>What a canary run adds up as it goes: constant size however long the run, so memory stays flat.</summary>
public sealed class CanaryTotals
{
    public SortedDictionary<string, int> Verdicts { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> GuardEvents { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> Counters { get; set; } = new(StringComparer.Ordinal);
    public int Applies { get; set; }
    public long SimulatedEvents { get; set; }
    public TimeSpan Wall { get; set; }
    public long PeakWorkingSetBytes { get; set; }
    public long PeakManagedHeapBytes { get; set; }
}
