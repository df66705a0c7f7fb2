using System.Text.Json.Nodes;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Undo;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack classes "journal values bypass the bounds check" (d), "a damaged journal line is skipped silently" (e) and
/// the major "journal damage on resume / duplicate records used by undo".
/// </summary>
[Trait("Category", "Attack")]
public class JournalAttacks
{
    /// <summary>A completed 6-iteration tuning run whose journal holds several applies.</summary>
    private static RunHarness RunWithApplies()
    {
        var h = new RunHarness();
        var source = new ListSource(new[] { ReportTexts.Make(net: 2.8, risk: 0.45, cancel: 0.6) });
        h.Run(h.Options(source, 6));
        Assert.True(Applies(h).Count >= 2, "the run applied at least twice");
        return h;
    }

    private static List<JournalEntry> Applies(RunHarness h) =>
        new JournalFile(h.Layout.LatestRun.Journal).Read().Where(e => e.Type == JournalEntry.Decision && e.Applied == true).ToList();

    private static TuningUndo Undo(RunHarness h) => new(h.Layout, ParameterCatalog.Default, RunHarness.Profile, h.Clock);

    private static List<string> Lines(RunHarness h) => File.ReadAllLines(h.Layout.LatestRun.Journal).ToList();

    private static void Rewrite(RunHarness h, IEnumerable<string> lines) => File.WriteAllText(h.Layout.LatestRun.Journal, string.Join("\n", lines) + "\n");

    private static int LineOf(List<string> lines, Func<JsonNode, bool> match) => lines.FindIndex(l => match(JsonNode.Parse(l)!));

    [Fact]
    public void Undo_to_an_iteration_whose_journalled_values_are_out_of_bounds_is_refused_and_changes_nothing()
    {
        using var h = RunWithApplies();
        var lines = Lines(h);
        var i = LineOf(lines, n => (string?)n["type"] == "decision" && (int?)n["iteration"] == 2);
        var record = JsonNode.Parse(lines[i])!;
        record["overrides"]!["min_interval_ms"] = 5000;
        lines[i] = record.ToJsonString();
        Rewrite(h, lines);
        var live = File.ReadAllText(h.Layout.RuntimeOverrides);

        var error = Assert.Throws<SoakException>(() => Undo(h).Run(new UndoTarget(ToIteration: 2), _ => true));

        Assert.Equal("ParameterOutOfBounds", error.ErrorId);
        Assert.Equal(live, File.ReadAllText(h.Layout.RuntimeOverrides));
        Assert.DoesNotContain(new JournalFile(h.Layout.LatestRun.Journal).Read(), e => e.Type == JournalEntry.Undo);
    }

    [Fact]
    public void Resume_of_a_journalled_decision_with_out_of_bounds_values_is_refused_and_changes_nothing()
    {
        using var h = RunWithApplies();
        // A crash after the journal record of iteration 6 and before its summary, then tampering with that record.
        File.Delete(h.Layout.LatestRun.IterationSummary(6));
        var manifest = JsonNode.Parse(File.ReadAllText(h.Layout.LatestRun.RunManifest))!;
        manifest["status"] = "stopped";
        File.WriteAllText(h.Layout.LatestRun.RunManifest, manifest.ToJsonString());
        var lines = Lines(h).Where(l => (string?)JsonNode.Parse(l)!["type"] != "run_ended").ToList();
        var i = LineOf(lines, n => (string?)n["type"] == "decision" && (int?)n["iteration"] == 6);
        var record = JsonNode.Parse(lines[i])!;
        record["overrides"]!["impact_cap_ratio"] = -3;
        lines[i] = record.ToJsonString();
        Rewrite(h, lines);
        var live = File.ReadAllText(h.Layout.RuntimeOverrides);

        var options = h.Options(new ListSource(new[] { ReportTexts.Make() }), 6) with { Resume = true };
        var error = Assert.Throws<SoakException>(() => h.Run(options));

        Assert.Equal("ParameterOutOfBounds", error.ErrorId);
        Assert.Equal(live, File.ReadAllText(h.Layout.RuntimeOverrides));
    }

    [Fact]
    public void A_damaged_line_in_the_middle_makes_undo_refuse_instead_of_taking_back_the_wrong_applies()
    {
        using var h = RunWithApplies();
        Undo(h).Run(new UndoTarget(Steps: 1), _ => true);
        var lines = Lines(h);
        var undoLine = LineOf(lines, n => (string?)n["type"] == "undo");
        lines[undoLine] = lines[undoLine][..(lines[undoLine].Length / 2)];
        lines.Add(lines[undoLine - 1]);
        Rewrite(h, lines);
        var live = File.ReadAllText(h.Layout.RuntimeOverrides);

        var error = Assert.Throws<SoakException>(() => Undo(h).Run(new UndoTarget(Steps: 1), _ => true));

        Assert.Equal("JournalDamaged", error.ErrorId);
        Assert.Contains($"line {undoLine + 1}", error.Message);
        Assert.Equal(live, File.ReadAllText(h.Layout.RuntimeOverrides));
    }

    [Fact]
    public void A_duplicated_or_conflicting_decision_is_refused_by_undo()
    {
        using var h = RunWithApplies();
        var lines = Lines(h);
        var apply = LineOf(lines, n => (string?)n["type"] == "decision" && (bool?)n["applied"] == true);
        lines.Insert(apply + 1, lines[apply]);
        Rewrite(h, lines);

        var error = Assert.Throws<SoakException>(() => Undo(h).Run(new UndoTarget(Steps: 1), _ => true));

        Assert.Equal("JournalDamaged", error.ErrorId);
        Assert.Contains("second decision", error.Message);
    }

    [Fact]
    public void Reordered_records_are_refused_on_resume()
    {
        using var h = RunWithApplies();
        var lines = Lines(h).Where(l => (string?)JsonNode.Parse(l)!["type"] != "run_ended").ToList();
        var three = LineOf(lines, n => (string?)n["type"] == "decision" && (int?)n["iteration"] == 3);
        var four = LineOf(lines, n => (string?)n["type"] == "decision" && (int?)n["iteration"] == 4);
        (lines[three], lines[four]) = (lines[four], lines[three]);
        Rewrite(h, lines);
        StopRun(h);

        var error = Assert.Throws<SoakException>(() => h.Run(h.Options(new ListSource(new[] { ReportTexts.Make() }), 8) with { Resume = true }));

        Assert.Equal("JournalDamaged", error.ErrorId);
        Assert.Contains("out of order", error.Message);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_missing_or_empty_journal_is_refused_on_resume(bool empty)
    {
        using var h = RunWithApplies();
        StopRun(h);
        if (empty) File.WriteAllText(h.Layout.LatestRun.Journal, string.Empty);
        else File.Delete(h.Layout.LatestRun.Journal);

        var error = Assert.Throws<SoakException>(() => h.Run(h.Options(new ListSource(new[] { ReportTexts.Make() }), 8) with { Resume = true }));

        Assert.Equal("JournalDamaged", error.ErrorId);
    }

    [Fact]
    public void A_complete_last_record_without_its_newline_is_kept_by_the_next_append()
    {
        using var h = RunWithApplies();
        var path = h.Layout.LatestRun.Journal;
        var text = File.ReadAllText(path);
        File.WriteAllText(path, text.TrimEnd('\n'));
        var before = new JournalFile(path).Read().Count();

        new JournalFile(path).Append(new JournalEntry { Type = JournalEntry.RunEnded, RunId = "x", At = h.Clock.GetUtcNow() });

        Assert.Equal(before + 1, new JournalFile(path).ReadVerified().Count);
    }

    [Fact]
    public void A_torn_last_line_is_still_ignored_and_cut_before_the_next_append()
    {
        using var h = RunWithApplies();
        var path = h.Layout.LatestRun.Journal;
        var before = new JournalFile(path).Read().Count();
        File.AppendAllText(path, "{\"type\":\"decision\",\"run_id\":\"x\",\"itera");

        Assert.Equal(before, new JournalFile(path).ReadVerified().Count);
        new JournalFile(path).Append(new JournalEntry { Type = JournalEntry.RunEnded, RunId = "x", At = h.Clock.GetUtcNow() });
        Assert.Equal(before + 1, new JournalFile(path).ReadVerified().Count);
    }

    private static void StopRun(RunHarness h)
    {
        var manifest = JsonNode.Parse(File.ReadAllText(h.Layout.LatestRun.RunManifest))!;
        manifest["status"] = "stopped";
        manifest["iterations_planned"] = 8;
        File.WriteAllText(h.Layout.LatestRun.RunManifest, manifest.ToJsonString());
    }
}
