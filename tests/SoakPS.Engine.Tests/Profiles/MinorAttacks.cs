using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Tests.Parameters;
using SoakPS.Engine.Undo;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>Minor attack classes: explicit values naming one parameter twice, undo over a corrupt live file.</summary>
[Trait("Category", "Attack")]
public class MinorAttacks
{
    [Fact]
    public void Explicit_values_naming_one_parameter_in_two_spellings_are_refused()
    {
        using var root = new TempRoot();
        var values = new Dictionary<string, object?>(StringComparer.Ordinal) { ["min_interval_ms"] = 75, ["MIN_INTERVAL_MS"] = 40 };
        var error = Assert.Throws<SoakException>(() => new ParameterResolver(new ProfileStore(root.Layout)).Resolve("steady_safe", values, null));
        Assert.Equal("DuplicateExplicitValue", error.ErrorId);
        Assert.Contains("MIN_INTERVAL_MS", error.Message);
    }

    [Fact]
    public void An_undo_keeps_a_corrupt_live_file_aside_before_replacing_it()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Make() }), 2));
        File.WriteAllText(h.Layout.RuntimeOverrides, "{\"min_interval_ms\": 75, \"impact_cap_ratio\": NaN");

        var plan = new TuningUndo(h.Layout, ParameterCatalog.Default, RunHarness.Profile, h.Clock).Run(new UndoTarget(ToProfile: "steady_safe"), _ => true);

        var kept = Assert.Single(Directory.GetFiles(h.Root, "runtime_overrides.json.invalid-*"));
        Assert.Equal(kept, plan.KeptAs);
        Assert.Contains("NaN", File.ReadAllText(kept));
        Assert.Equal(RunHarness.Profile("steady_safe"), h.LiveOverrides());
    }
}
