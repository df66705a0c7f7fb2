using SoakPS.Engine.Records;

namespace SoakPS.Engine.Studies;

/// <summary>How many iterations (or runs) were OK, WARN and FAIL; an INVALID one counts as FAIL (it earned nothing the run can trust).</summary>
internal readonly record struct VerdictCounts(int Ok, int Warn, int Fail)
{
    public int Total => Ok + Warn + Fail;

    public VerdictCounts Add(Verdict verdict) => verdict switch
    {
        Verdict.OK => this with { Ok = Ok + 1 },
        Verdict.WARN => this with { Warn = Warn + 1 },
        _ => this with { Fail = Fail + 1 },
    };

    public static VerdictCounts operator +(VerdictCounts a, VerdictCounts b) => new(a.Ok + b.Ok, a.Warn + b.Warn, a.Fail + b.Fail);

    /// <summary>The share of <paramref name="count"/> in the total; NaN when there is nothing to share.</summary>
    public double Share(int count) => Total > 0 ? (double)count / Total : double.NaN;
}
