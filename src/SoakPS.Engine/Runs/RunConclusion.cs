using SoakPS.Engine.Records;

namespace SoakPS.Engine.Runs;

/// <summary>
/// How a run ended, for the one summary line at its end: run id, status and verdict, applies and guard events over
/// the whole run (from TUNING_STATE.json, so a resumed run counts its earlier iterations too), and where its files are.
/// </summary>
internal sealed record RunConclusion(string RunId, string Status, string Verdict, int Iterations, int Applies, int GuardEvents, string RunFolder)
{
    public static RunConclusion Of(RunManifest run, TuningState state, string runFolder) => new(
        run.RunId,
        run.Status,
        run.Verdict ?? "none",
        run.IterationsCompleted,
        state.Counters.TryGetValue("applies", out var applies) ? applies : 0,
        // Every counter but applies is something a guard did: blocked changes, panic reverts, freezes, restores.
        state.Counters.Where(c => c.Key != "applies").Sum(c => c.Value),
        runFolder);

    public override string ToString() =>
        $"Run {RunId} {Status} after {Count(Iterations, "iteration")}: verdict {Verdict}, {Count(Applies, "apply", "applies")}, {Count(GuardEvents, "guard event")}; artifacts in {RunFolder}";

    private static string Count(int n, string one, string? many = null) => $"{n} {(n == 1 ? one : many ?? one + "s")}";
}
