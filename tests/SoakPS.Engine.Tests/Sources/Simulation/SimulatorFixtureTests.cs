using System.Text;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Tests.Runs;

namespace SoakPS.Engine.Tests.Simulation;

/// <summary>
/// What speed work on the simulator must not change: the reports of fixed (seed, regime, parameters) windows and of an
/// auto-tuned simulated run are byte-identical to those of the code that wrote the fixture.
/// Run with SOAKPS_WRITE_RUN_FIXTURES=1 to (re)write it.
/// </summary>
public class SimulatorFixtureTests
{
    private const string Fixture = "simulator-reports.txt";

    [Fact]
    public void Simulated_reports_are_byte_identical_to_the_fixture()
    {
        var actual = Reports();
        var path = RunOutputFixture.FixturePath(Fixture);
        if (Environment.GetEnvironmentVariable(RunOutputFixture.WriteVariable) == "1")
        {
            File.WriteAllText(path, actual);
        }
        Assert.Equal(File.ReadAllText(path).Replace("\r\n", "\n"), actual);
    }

    private static string Reports()
    {
        var text = new StringBuilder();
        var simulator = new MarketSimulator(MarketModel.Default);
        var arms = BuiltInProfiles.All.Select(p => (p.Name, Values: new ParameterSet(p.Parameters)))
            .Prepend(("defaults", ParameterCatalog.Default.Defaults()));
        foreach (var (name, values) in arms)
        {
            foreach (var regime in Enum.GetValues<MarketRegime>())
            {
                for (var seed = 1; seed <= 3; seed++)
                {
                    text.Append($"=== {name} {regime} seed {seed}\n");
                    text.Append(SimulationReport.Write(simulator.Run(seed, seed, regime, QuoteSettings.From(values), TimeSpan.FromMinutes(15)))).Append('\n');
                }
            }
        }

        using var h = new RunHarness();
        h.Run(h.Options(new SimulatorSource(42), 12) with { IterationWindow = TimeSpan.FromMinutes(15) });
        foreach (var n in Enumerable.Range(1, 12))
        {
            text.Append($"=== auto-tuned run seed 42 iteration {n}\n");
            text.Append(File.ReadAllText(Path.Combine(h.Layout.LatestRun.Reports, $"EDGE_REPORT_{n}.json")).Replace("\r\n", "\n")).Append('\n');
        }
        return text.ToString();
    }
}
