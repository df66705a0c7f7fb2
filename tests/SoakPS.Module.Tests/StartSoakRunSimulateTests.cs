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
        foreach (var count in new[] { "fills", "quote_attempts", "requotes_blocked", "risk_blocks", "volume_usd" })
        {
            Assert.NotNull(report["totals"]![count]);
        }
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

    [Fact]
    public void Mock_and_replay_runs_write_no_canary_report()
    {
        using var session = new PowerShellSession();
        session.Run($"Start-SoakRun -Mock -Iterations 2 -ArtifactPath '{session.ArtifactRoot}'");

        Assert.False(File.Exists(Path.Combine(session.ArtifactRoot, "latest", "CANARY_REPORT.json")));
    }
}
