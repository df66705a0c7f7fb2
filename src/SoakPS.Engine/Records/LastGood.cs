namespace SoakPS.Engine.Records;

/// <summary>The overrides in force during the most recent iteration whose KPI verdict was OK.</summary>
internal sealed record LastGood(int Iteration, IReadOnlyDictionary<string, decimal> Overrides);
