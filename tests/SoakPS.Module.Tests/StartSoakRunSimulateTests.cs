using System.Management.Automation;
using System.Text.Json.Nodes;

namespace SoakPS.Module.Tests;

public class StartSoakRunSimulateTests
{
    [Fact]
    public void A_simulated_run_uses_15_minute_windows_records_its_seed_and_ends_with_the_canary_report()
    {
        using var session = new PowerShellSession();
        var root = session.ArtifactRoot;
        var result = session.Run($"Start-SoakRun -Simulate -Seed 11 -Iterations 4 -AutoTune -Profile aggressive -ArtifactPath '{root}'");

        Assert.Null(result.Terminating);
        Assert.Empty(result.Errors);
        Assert.Equal(new[] { 1, 2, 3, 4 }, result.Output.Select(o => o.Prop<int>("Iteration")));
        Assert.All(result.Output, o => Assert.Equal("simulate", o.Prop<string>("Source")));
        Assert.All(result.Output, o => Assert.Contains(o.Prop<string>("Regime"), new[] { "calm", "volatile", "spike" }));
        var run = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "run.json")))!;
        Assert.Equal(15.0, (double)run["iteration_minutes"]!);
        Assert.Equal(11, (int)run["seed"]!);
        var report = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "reports", "EDGE_REPORT_1.json")))!;
        foreach (var count in new[] { "fills", "quote_attempts", "requotes_blocked", "risk_blocks", "net_usd", "volume_usd" })
        {
            Assert.NotNull(report["totals"]![count]);
        }
        // The money reaches the summary and the object: net_usd is net_bps on the window's maker volume.
        var first = result.Output[0];
        Assert.Equal((double)report["totals"]!["net_usd"]!, first.Prop<double?>("NetUsd"));
        Assert.Equal((double)report["totals"]!["volume_usd"]!, first.Prop<double?>("VolumeUsd"));
        Assert.Equal(first.Prop<double?>("NetBps")!.Value, first.Prop<double?>("NetUsd")!.Value / first.Prop<double?>("VolumeUsd")!.Value * 1e4, 4);
        var summary = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "ITER_SUMMARY_1.json")))!;
        Assert.Equal((double)report["totals"]!["net_usd"]!, (double)summary["summary"]!["net_usd"]!);
        var canary = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "latest", "CANARY_REPORT.json")))!;
        Assert.Equal((string?)run["verdict"], (string?)canary["run_verdict"]);
        Assert.Equal(4, canary["iterations"]!.AsArray().Count);
        Assert.True(File.Exists(Path.Combine(root, "latest", "CANARY_REPORT.md")));
    }

    [Fact]
    public void The_same_seed_and_parameters_give_byte_identical_reports_from_the_cmdlet()
    {
        using var session = new PowerShellSession();
        string Report(string root)
        {
            session.Run($"Start-SoakRun -Simulate -Seed 3 -Iterations 3 -Set @{{ min_interval_ms = 60 }} -ArtifactPath '{root}'");
            return File.ReadAllText(Path.Combine(root, "latest", "reports", "EDGE_REPORT_3.json"));
        }

        Assert.Equal(Report(Path.Combine(session.ArtifactRoot, "a")), Report(Path.Combine(session.ArtifactRoot, "b")));
    }

    private static void WriteProfile(string root, string name, string simulator)
    {
        Directory.CreateDirectory(Path.Combine(root, "profiles"));
        File.WriteAllText(Path.Combine(root, "profiles", name + ".json"), "{\"parameters\": {}, \"policy\": {\"simulator\": " + simulator + "}}");
    }

    [Fact]
    public void A_profile_that_pins_the_regime_chain_to_spike_gives_only_spike_iterations()
    {
        using var session = new PowerShellSession();
        var root = session.ArtifactRoot;
        WriteProfile(root, "spiky", """{"regimes": {"calm": {"transitions": {"spike": 1}}, "spike": {"transitions": {"spike": 1}}}}""");

        var result = session.Run($"Start-SoakRun -Simulate -Seed 5 -Iterations 6 -Profile spiky -ArtifactPath '{root}'");

        Assert.Null(result.Terminating);
        Assert.Equal(6, result.Output.Count);
        Assert.All(result.Output, o => Assert.Equal("spike", o.Prop<string>("Regime")));
    }

    [Fact]
    public void A_bad_transition_matrix_is_refused_with_a_stable_error_id_before_anything_is_written()
    {
        using var session = new PowerShellSession();
        var root = session.ArtifactRoot;
        WriteProfile(root, "broken", """{"regimes": {"volatile": {"transitions": {"calm": 0.3, "volatile": 0.3, "spike": 0.3}}}}""");

        var result = session.Run($"Start-SoakRun -Simulate -Iterations 3 -Profile broken -ArtifactPath '{root}'");

        var error = result.ErrorWithId("InvalidRegimeTransitions");
        Assert.Equal(ErrorCategory.InvalidData, error.CategoryInfo.Category);
        Assert.Contains("policy.simulator.regimes.volatile.transitions", error.Exception.Message);
        Assert.Empty(result.Output);
        Assert.Equal(new[] { "profiles" }, Directory.GetFileSystemEntries(root).Select(Path.GetFileName));
    }

    [Fact]
    public void Mock_and_replay_runs_write_no_canary_report()
    {
        using var session = new PowerShellSession();
        session.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{session.ArtifactRoot}'");

        Assert.False(File.Exists(Path.Combine(session.ArtifactRoot, "latest", "CANARY_REPORT.json")));
    }
}
