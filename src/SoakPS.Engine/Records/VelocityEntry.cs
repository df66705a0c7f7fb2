namespace SoakPS.Engine.Records;

/// <summary>One applied change of one parameter at a point of the run's clock, for the trailing-hour velocity budget.</summary>
internal sealed record VelocityEntry(string Parameter, DateTimeOffset At, decimal Change);
