using SoakPS.Engine.Parameters;
using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack class "the report a long-running bot leaves" (-ReportPath): a link to a foreign file is refused, a report
/// dated a day ahead neither blinds the freshness check nor is taken twice, and after a resume the report the run
/// already consumed is not used again. Freshness compares with what was consumed (file, size, write time).
/// </summary>
[Trait("Category", "Attack")]
public sealed class ReportPathAttacks : IDisposable
{
    private readonly TempFolder _work = new("soakps-report-path-");

    public void Dispose() => _work.Dispose();

    private string Report => _work["edge_report.json"];

    private ReportFileSource Source() => new(Report, TimeSpan.FromSeconds(0.6), TimeSpan.Zero, watch: false);

    private IterationContext Context(int n, string? previous = null) => new("20261201T000000Z-abcdef", n, 9, ParameterCatalog.Default.Defaults(),
        _work["runtime_overrides.json"], _work[$"EDGE_REPORT_{n}.json"], _work["logs"], DateTimeOffset.UtcNow, TimeSpan.FromMinutes(5)) { PreviousReportPath = previous };

    private static SourceResult Obtain(ReportFileSource source, IterationContext context) => source.ObtainAsync(context, CancellationToken.None).GetAwaiter().GetResult();

    [SkippableFact]
    public void A_report_that_is_a_link_to_a_foreign_file_is_refused()
    {
        Skip.If(OperatingSystem.IsWindows(), "Symbolic links need privilege on Windows.");
        File.WriteAllText(_work["passwd"], ReportTexts.Stable);
        File.CreateSymbolicLink(Report, _work["passwd"]);
        using var source = Source();
        var result = Obtain(source, Context(1));
        Assert.True(result.Failed);
        Assert.Contains("symbolic link", result.FailureReason);
    }

    [Fact]
    public void A_report_dated_a_day_ahead_is_taken_once_and_the_next_fresh_report_is_still_seen()
    {
        using var source = Source();
        File.WriteAllText(Report, ReportTexts.Stable);
        File.SetLastWriteTimeUtc(Report, DateTime.UtcNow.AddDays(1));
        Assert.Equal(ReportTexts.Stable, Obtain(source, Context(1)).ReportText);

        var again = Obtain(source, Context(2));
        Assert.True(again.Failed);
        Assert.Contains("already used", again.FailureReason);

        File.WriteAllText(Report, ReportTexts.Calm);
        Assert.Equal(ReportTexts.Calm, Obtain(source, Context(3)).ReportText);
    }

    [Fact]
    public void After_a_resume_the_report_already_consumed_is_not_used_again()
    {
        File.WriteAllText(Report, ReportTexts.Stable);
        File.SetLastWriteTimeUtc(Report, DateTime.UtcNow.AddDays(1));
        File.WriteAllText(_work["EDGE_REPORT_4.json"], ReportTexts.Stable);
        using var resumed = Source();
        Assert.True(Obtain(resumed, Context(5, previous: _work["EDGE_REPORT_4.json"])).Failed);

        File.WriteAllText(Report, ReportTexts.Calm);
        Assert.Equal(ReportTexts.Calm, Obtain(resumed, Context(6, previous: _work["EDGE_REPORT_5.json"])).ReportText);
    }
}
