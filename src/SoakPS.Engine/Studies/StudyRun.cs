namespace SoakPS.Engine.Studies;

/// <summary>The outcome of one (seed, arm) run of a study: which arm, and what the run did (<see cref="RunStatistics"/>).</summary>
internal sealed record StudyRun(int Seed, string Arm, string Profile, bool AutoTune, RunStatistics Run, TimeSpan Wall);
