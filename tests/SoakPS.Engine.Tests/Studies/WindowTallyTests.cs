using SoakPS.Engine.Records;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Studies;

namespace SoakPS.Engine.Tests.Studies;

public sealed class WindowTallyTests
{
    private static readonly ParameterSet Values = new(BuiltInProfiles.SteadySafe.Parameters);

    [Fact]
    public void A_class_is_charged_the_FAIL_rate_of_every_spike_of_the_fit_even_when_the_spikes_after_it_all_passed()
    {
        // Class 0 (calm) is followed by 9 calm windows and 1 spike that passed; class 1 is followed by 9 spikes, 3 of which failed.
        var tally = new WindowTally(classes: 2);
        for (var i = 0; i < 9; i++) tally.Add(MarketRegime.Calm, after: 0, sameClass: true, Verdict.OK, 100, 1_000);
        tally.Add(MarketRegime.Spike, after: 0, sameClass: false, Verdict.WARN, 50, 1_000);
        for (var i = 0; i < 9; i++) tally.Add(MarketRegime.Spike, after: 1, sameClass: true, i < 3 ? Verdict.FAIL : Verdict.WARN, 10, 2_000);

        var calm = tally.Judge(Values, 0);
        var spike = tally.Judge(Values, 1);

        // Spikes fail 3 of 10 over the whole fit; a tenth of the calm class's windows are spikes.
        Assert.Equal(0.1 * 0.3, calm.FailShare, 12);
        Assert.Equal(0.3, spike.FailShare, 12);
        Assert.Equal(1.0, calm.OkShare);
        Assert.Equal((9 * 100 + 50) / 10.0, calm.NetUsdPerWindow, 12);
        Assert.Equal(2_000, spike.VolumeUsdPerWindow, 12);
    }

    [Fact]
    public void Tallies_of_two_threads_merge_into_what_one_thread_would_have_counted()
    {
        var one = new WindowTally(2);
        var a = new WindowTally(2);
        var b = new WindowTally(2);
        var windows = new[]
        {
            (MarketRegime.Calm, 0, true, Verdict.OK, 1.0), (MarketRegime.Volatile, 0, false, Verdict.WARN, 2.0),
            (MarketRegime.Spike, 1, true, Verdict.FAIL, 3.0), (MarketRegime.Calm, 1, false, Verdict.OK, 4.0),
        };
        for (var i = 0; i < windows.Length; i++)
        {
            var (regime, after, same, verdict, usd) = windows[i];
            one.Add(regime, after, same, verdict, usd, usd * 10);
            (i % 2 == 0 ? a : b).Add(regime, after, same, verdict, usd, usd * 10);
        }
        a.Merge(b);

        Assert.Equal(one.Judge(Values, 0), a.Judge(Values, 0));
        Assert.Equal(one.Judge(Values, 1), a.Judge(Values, 1));
    }
}
