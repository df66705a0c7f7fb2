namespace SoakPS.Engine.Tests.Runs;

/// <summary>
/// What speed work must not change: the same seeded run writes byte-identical summaries, journal and TUNING_REPORT
/// (apart from run ids and process ids) as the code that produced the fixtures.
/// </summary>
public class RunOutputFixtureTests
{
    public static TheoryData<string> Runs => new() { "mock-seed42-24.txt", "guard-events-12.txt" };

    [Theory]
    [MemberData(nameof(Runs))]
    public void A_seeded_run_writes_the_same_files_as_the_fixture(string fixture)
    {
        var actual = fixture.StartsWith("mock", StringComparison.Ordinal) ? RunOutputFixture.MockRun() : RunOutputFixture.GuardEventsRun();
        var path = RunOutputFixture.FixturePath(fixture);
        if (Environment.GetEnvironmentVariable(RunOutputFixture.WriteVariable) == "1")
        {
            File.WriteAllText(path, actual);
        }
        var expected = File.ReadAllText(path).Replace("\r\n", "\n");
        Assert.Equal(expected, actual);
    }

    [Fact]
    public void The_guard_events_fixture_covers_freeze_cooldown_and_panic_revert()
    {
        var text = File.ReadAllText(RunOutputFixture.FixturePath("guard-events-12.txt"));
        Assert.Contains("\"freeze_entered\"", text);
        Assert.Contains("\"skip_reason\": \"cooldown\"", text);
        Assert.Contains("\"panic_revert\"", text);
        Assert.Contains("\"cooldown_started\"", text);
    }
}
