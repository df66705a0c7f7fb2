using System.Text.Json.Nodes;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests;

/// <summary>A plain mock run with auto-tune: the guards act on their own, and the report agrees with the per-iteration records.</summary>
public class MockRunTests
{
    [Fact]
    public void A_24_iteration_mock_run_enters_and_leaves_a_freeze_and_its_report_counts_match_the_iterations()
    {
        using var h = new RunHarness();
        var request = new RunRequest { SourceName = "mock", Iterations = 24, AutoTune = true, Seed = 42, Environment = _ => null, Clock = h.Clock };
        var options = RunPlanner.Plan(h.Layout, request, _ => { });
        using (options.Source)
        {
            h.Run(options);
        }
        var s = h.Summaries();
        Assert.Equal(24, s.Count);
        Assert.Contains(s, x => x.Tuning.Applied);
        var firstFrozen = s.FindIndex(x => x.Tuning.Guards.GetValueOrDefault("freeze"));
        Assert.True(firstFrozen > 0, "no freeze was ever active");
        Assert.Contains(s.Skip(firstFrozen), x => !x.Tuning.Guards.GetValueOrDefault("freeze"));
        Assert.Contains(s, x => x.Tuning.Events.Any(e => e.Code == "freeze_entered"));

        var report = JsonNode.Parse(File.ReadAllText(h.Layout.LatestRun.TuningReport))!;
        var entries = report["iterations"]!.AsArray();
        Assert.Equal(24, entries.Count);
        Assert.Equal(s.Count(x => x.Tuning.Applied), (int)report["summary"]!["applied"]!);
        var blocked = report["summary"]!["blocked_by_guard"]!.AsObject().ToDictionary(kv => kv.Key, kv => (int)kv.Value!);
        var fromIterations = s.SelectMany(x => x.Tuning.Outcomes.Values)
            .Where(o => o.Status is not (ParameterStatus.Applied or ParameterStatus.NoEffectiveChange))
            .GroupBy(o => Json.SnakeCase.Of(o.Status)).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(fromIterations.OrderBy(k => k.Key), blocked.OrderBy(k => k.Key));
        for (var i = 0; i < 24; i++)
        {
            Assert.Equal(s[i].Tuning.Applied, (bool)entries[i]!["applied"]!);
            Assert.Equal(s[i].Tuning.StateHash, (string)entries[i]!["state_hash"]!);
            Assert.Equal(s[i].Tuning.Guards["freeze"], (bool)entries[i]!["guards"]!["freeze"]!);
        }
    }
}

public class MockDeterminismTests
{
    private static List<string> Run(int seed)
    {
        using var h = new RunHarness();
        var options = RunPlanner.Plan(h.Layout, new RunRequest { SourceName = "mock", Iterations = 12, AutoTune = true, Seed = seed, Environment = _ => null, Clock = h.Clock }, _ => { });
        using (options.Source)
        {
            h.Run(options);
        }
        return h.Summaries().Select(s => $"{s.Regime} {Records.SoakJson.Serialize(s.Summary)} {s.Kpi.Verdict} {s.Tuning.StateHash} {s.Tuning.SkipReason}").ToList();
    }

    [Fact]
    public void The_same_seed_gives_identical_summaries_and_decisions_and_another_seed_other_regimes()
    {
        var a = Run(42);
        Assert.Equal(a, Run(42));
        var b = Run(43);
        Assert.NotEqual(a.Select(x => x.Split(' ')[0]), b.Select(x => x.Split(' ')[0]));
    }
}
