using System.Text.Json.Nodes;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>Attack class "tampered run.json": refused before a resume does anything, naming the field.</summary>
[Trait("Category", "Attack")]
public class ManifestAttacks
{
    [Theory]
    [InlineData("source", "\"\"")]
    [InlineData("source", "\"nope\"")]
    [InlineData("run_id", "\"../../escape\"")]
    [InlineData("iterations_planned", "2147483647")]
    [InlineData("iterations_planned", "0")]
    [InlineData("interval_seconds", "1e300")]
    [InlineData("iteration_minutes", "1e300")]
    [InlineData("iteration_minutes", "0")]
    [InlineData("iterations_completed", "-4")]
    public void A_tampered_manifest_is_refused_before_any_iteration_runs(string field, string value)
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Make() }), 3));
        var path = h.Layout.LatestRun.RunManifest;
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["status"] = "stopped";
        manifest["iterations_completed"] = 2;
        manifest["source"] = "mock";
        manifest[field] = JsonNode.Parse(value);
        File.WriteAllText(path, manifest.ToJsonString());
        File.Delete(h.Layout.LatestRun.IterationSummary(3));
        var before = Directory.GetFiles(h.Root, "*", SearchOption.AllDirectories).Length;

        var error = Assert.Throws<SoakException>(() => RunPlanner.Plan(h.Layout, new RunRequest { Resume = true }, _ => { }));

        Assert.Equal("InvalidRunManifest", error.ErrorId);
        Assert.Contains(field, error.Message);
        Assert.Equal(before, Directory.GetFiles(h.Root, "*", SearchOption.AllDirectories).Length);
    }

    [Fact]
    public void An_untampered_manifest_still_resumes()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Make() }), 3));
        var path = h.Layout.LatestRun.RunManifest;
        var manifest = JsonNode.Parse(File.ReadAllText(path))!;
        manifest["status"] = "stopped";
        manifest["source"] = "mock";
        File.WriteAllText(path, manifest.ToJsonString());

        var options = RunPlanner.Plan(h.Layout, new RunRequest { Resume = true }, _ => { });

        Assert.Equal(3, options.Iterations);
        options.Source.Dispose();
    }
}
