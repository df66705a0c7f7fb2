using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Studies;

namespace SoakPS.Engine.Tests.Studies;

public class PresetFitterTests
{
    [Fact]
    public void Bounds_narrower_than_an_eighth_of_a_rounding_step_still_end_the_search_within_them()
    {
        // impact_cap_ratio narrowed to [0.08, 0.0803]: an eighth of its range rounds to 0 at four decimals.
        var narrow = ParameterCatalog.Default["impact_cap_ratio"] with { Max = 0.0803m };
        var catalog = ParameterCatalog.Default.With(new[] { narrow });
        var options = new PresetFitOptions
        {
            Seeds = new[] { 1 },
            Iterations = 3,
            IterationMinutes = 1,
            Catalog = catalog,
            Start = new ParameterSet(BuiltInProfiles.SteadySafe.Parameters),
        };
        var fit = Task.Run(() => PresetFitter.Fit(options, CancellationToken.None));

        Assert.True(fit.Wait(TimeSpan.FromMinutes(2)), "the search did not end");
        Assert.All(fit.Result.Where(c => c.Evidence is not null), c => Assert.InRange(c.Preset["impact_cap_ratio"], 0.08m, 0.0803m));
    }
}
