using SoakPS.Engine.Records;

namespace SoakPS.Engine.Kpi;

/// <summary>An iteration's verdict, the reasons for it, and the metrics that were absent and so not evaluated.</summary>
internal sealed record KpiResult(Verdict Verdict, IReadOnlyList<string> Reasons, IReadOnlyList<string> NotEvaluated)
{
    public static KpiResult Invalid(string reason) => new(Verdict.INVALID, new[] { reason }, Array.Empty<string>());
}
