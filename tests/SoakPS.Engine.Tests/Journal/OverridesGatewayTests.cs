using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Engine.Tests.Journal;

/// <summary>One gateway (lock, journal record, atomic write) for every writer of runtime_overrides.json.</summary>
public class OverridesGatewayTests
{
    [Fact]
    public void An_operator_change_waits_for_a_writer_holding_the_lock_instead_of_landing_between_its_read_and_write()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Make() }), 1));
        var gateway = new OverridesGateway(h.Layout, ParameterCatalog.Default);
        Task change;
        using (var held = gateway.Open())
        {
            change = Task.Run(() => gateway.ReplaceByOperator(RunHarness.Profile("ultra_safe"), "profile ultra_safe activated", h.Clock.GetUtcNow()));
            Assert.False(change.Wait(TimeSpan.FromMilliseconds(500)), "the change went through while another writer held the lock");
            held.Commit(RunHarness.Profile("steady_safe"), null, null);
        }
        Assert.True(change.Wait(TimeSpan.FromSeconds(20)));
        Assert.Equal(RunHarness.Profile("ultra_safe"), h.LiveOverrides());
        var record = new JournalFile(h.Layout.LatestRun.Journal).ReadVerified()[^1];
        Assert.Equal(JournalEntry.ExternalChange, record.Type);
        Assert.Equal(RunHarness.Profile("steady_safe").Values, record.Previous);
        Assert.Equal(RunHarness.Profile("ultra_safe").Values, record.Overrides);
    }

    [Fact]
    public void A_profile_activated_through_the_gateway_during_an_iteration_is_kept_by_the_run()
    {
        using var h = new RunHarness();
        var operatorValues = RunHarness.Profile("ultra_safe");
        var source = new ListSource(new[] { ReportTexts.Make(net: 2.8, risk: 0.45, cancel: 0.6) });
        source.OnObtain = c =>
        {
            if (c.Iteration == 2)
            {
                new OverridesGateway(h.Layout, ParameterCatalog.Default).ReplaceByOperator(operatorValues, "profile ultra_safe activated", h.Clock.GetUtcNow());
            }
        };
        h.Run(h.Options(source, 4, RunHarness.Set(0.14m, 0.09m, 0.14m, 50m, 260m, 650m)));
        var s = h.Summaries();
        Assert.Equal("external_change", s[1].Tuning.SkipReason);
        Assert.Equal(operatorValues.Values, s[1].Tuning.Overrides);
        Assert.Equal("paused", s[2].Tuning.SkipReason);
        Assert.Equal(operatorValues, h.LiveOverrides());
        Assert.Contains(new JournalFile(h.Layout.LatestRun.Journal).Read(), e => e.Type == JournalEntry.ExternalChange && e.Detail == "profile ultra_safe activated");
    }

    [Fact]
    public void Values_outside_the_bounds_are_refused_before_anything_is_journalled_or_written()
    {
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Make() }), 1));
        var live = File.ReadAllBytes(h.Layout.RuntimeOverrides);
        var journal = File.ReadAllBytes(h.Layout.LatestRun.Journal);

        var error = Assert.Throws<SoakException>(() => new OverridesGateway(h.Layout, ParameterCatalog.Default)
            .ReplaceByOperator(RunHarness.Profile("steady_safe").With("min_interval_ms", 5000m), "bad", h.Clock.GetUtcNow()));

        Assert.Equal("ParameterOutOfBounds", error.ErrorId);
        Assert.Equal(live, File.ReadAllBytes(h.Layout.RuntimeOverrides));
        Assert.Equal(journal, File.ReadAllBytes(h.Layout.LatestRun.Journal));
        Assert.Empty(Directory.EnumerateFiles(h.Root, "*.tmp"));
    }

    [Fact]
    public void A_bad_live_file_found_when_a_run_starts_is_kept_aside_not_overwritten()
    {
        using var h = new RunHarness();
        Directory.CreateDirectory(h.Root);
        File.WriteAllText(h.Layout.RuntimeOverrides, "{\"min_interval_ms\": 75, \"min_interval_ms\": 40}");

        var events = h.Run(h.Options(new ListSource(new[] { ReportTexts.Make() }), 1));

        var kept = Assert.Single(Directory.GetFiles(h.Root, "runtime_overrides.json.invalid-*"));
        Assert.Contains("\"min_interval_ms\": 40", File.ReadAllText(kept));
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.Contains("kept as"));
    }
}
