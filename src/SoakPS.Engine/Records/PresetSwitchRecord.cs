namespace SoakPS.Engine.Records;

/// <summary>A preset switch that was applied: when (the run's clock), at which iteration, between which classes, and whether it went back to the class the previous switch left.</summary>
internal sealed record PresetSwitchRecord(DateTimeOffset At, int Iteration, string? From, string To, bool Reversal);
