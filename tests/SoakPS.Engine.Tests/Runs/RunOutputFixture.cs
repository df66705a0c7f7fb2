using System.Text;
using System.Text.RegularExpressions;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Runs;

/// <summary>
/// Produces the normalised text of every file a seeded run writes (ITER_SUMMARY_n, journal, TUNING_REPORT, run.json,
/// snapshot), with run ids and process ids replaced, so speed work can be checked against the output of older code.
/// Run with SOAKPS_WRITE_RUN_FIXTURES=1 to (re)write the fixtures in tests/SoakPS.Engine.Tests/Fixtures/.
/// </summary>
public static partial class RunOutputFixture
{
    public const string WriteVariable = "SOAKPS_WRITE_RUN_FIXTURES";

    // High risk (a large apply, cooldown, a fail streak and a panic revert), then calm (a freeze) and elevated (tunes while frozen).
    private static readonly string Calm = ReportTexts.Make(net: 2.8, risk: 0.35);
    private static readonly string Elevated = ReportTexts.Make(net: 2.8, risk: 0.45, adverse: 4.0);

    public static string MockRun()
    {
        using var h = new RunHarness();
        var options = RunPlanner.Plan(h.Layout, new RunRequest { SourceName = "mock", Iterations = 24, AutoTune = true, TunerName = "rules", Seed = 42, Environment = _ => null, Clock = h.Clock }, _ => { });
        using (options.Source)
        {
            Advancing(h, options);
        }
        return Normalised(h);
    }

    public static string GuardEventsRun()
    {
        using var h = new RunHarness();
        var reports = new[]
        {
            ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.Stable, ReportTexts.Stable, ReportTexts.Stable,
            Calm, Calm, Elevated, ReportTexts.Stable, ReportTexts.Calm, ReportTexts.Stable,
        };
        var options = h.Options(new ListSource(reports), reports.Length);
        Advancing(h, options);
        return Normalised(h);
    }

    /// <summary>Moves the test clock a fixed step per iteration so timestamps, windows and expiries differ between iterations.</summary>
    private static void Advancing(RunHarness h, SoakRunOptions options)
    {
        foreach (var e in SoakRunner.Execute(h.Layout, options, CancellationToken.None))
        {
            if (e is IterationCompleted)
            {
                h.Clock.Advance(TimeSpan.FromMinutes(7));
            }
        }
    }

    [GeneratedRegex(@"\d{8}T\d{6}Z-[0-9a-f]{6}")]
    private static partial Regex RunId();

    [GeneratedRegex(@"""pid"":\d+")]
    private static partial Regex Pid();

    private static string Normalised(RunHarness h)
    {
        var text = new StringBuilder();
        var folder = h.Layout.LatestRun;
        var files = Directory.EnumerateFiles(folder.Path, "ITER_SUMMARY_*.json")
            .OrderBy(p => int.Parse(Regex.Match(Path.GetFileName(p), @"\d+").Value))
            .Concat(new[] { folder.Journal, folder.TuningReport, folder.RunManifest, h.Layout.RuntimeOverrides })
            .Concat(Directory.EnumerateFiles(h.Layout.Snapshots).Order(StringComparer.Ordinal));
        foreach (var path in files)
        {
            text.Append("=== ").Append(RunId().Replace(Path.GetRelativePath(h.Root, path).Replace('\\', '/'), "<run_id>")).Append('\n');
            var content = File.ReadAllText(path).Replace("\r\n", "\n");
            text.Append(Pid().Replace(RunId().Replace(content, "<run_id>"), "\"pid\":0"));
            if (!content.EndsWith('\n'))
            {
                text.Append('\n');
            }
        }
        return text.ToString();
    }

    public static string FixturePath(string name) => Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "Fixtures", name);

    /// <summary>This file's path as compiled, so a fixture is found from tests in any folder.</summary>
    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string here = "") => here;
}
