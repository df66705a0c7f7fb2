using System.Text.Json.Nodes;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Tests.Sources;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>
/// Attack class "the bot edits the live file during its iteration": a real bot (a sh script) writes runtime_overrides.json
/// while it runs. A bad file is set aside and recorded with a warning; a valid one wins over the run's apply, with a
/// warning — as for any change outside the run, never silently overwritten.
/// </summary>
[Trait("Category", "Attack")]
public sealed class LiveFileBotAttacks : IDisposable
{
    private readonly ShellBot _bot = new("soakps-live-bot-");

    private RunHarness Harness => _bot.Harness;

    public void Dispose() => _bot.Dispose();

    private List<RunEvent> RunBot(string liveJson)
    {
        File.WriteAllText(_bot.Work["live.json"], liveJson);
        return _bot.Run("if [ \"$SOAK_ITERATION\" = 1 ]; then cp \"$2\" \"$SOAK_RUNTIME_OVERRIDES_PATH\"; fi", 2, _bot.Work["live.json"]);
    }

    private List<JournalEntry> Journal() => new JournalFile(Harness.Layout.LatestRun.Journal).Read().ToList();

    [SkippableFact]
    public void A_bad_file_written_by_the_bot_is_set_aside_recorded_and_warned_about()
    {
        var bad = JsonNode.Parse(ParameterCatalog.Default.Defaults().ToCanonicalJson())!.AsObject();
        bad["min_interval_ms"] = 5;
        bad["not_a_parameter"] = 1;
        var events = RunBot(bad.ToJsonString());

        var kept = Assert.Single(Directory.GetFiles(Harness.Root, "runtime_overrides.json.invalid-*"));
        Assert.Contains("not_a_parameter", File.ReadAllText(kept));
        Assert.Contains(Journal(), e => e.Type == JournalEntry.StateRestored && e.Iteration == 1);
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.StartsWith("Iteration 1, while the source ran: runtime_overrides.json was invalid"));
        Assert.True(Harness.LiveOverrides() is not null);
    }

    [SkippableFact]
    public void A_valid_change_written_by_the_bot_wins_over_the_runs_apply_and_is_warned_about()
    {
        var events = RunBot(RunHarness.Profile("aggressive").ToCanonicalJson());

        Assert.Equal("external_change", Harness.Summaries()[0].Tuning.SkipReason);
        Assert.Contains(events.OfType<RunWarning>(), w => w.Message.StartsWith("Iteration 1: runtime_overrides.json was changed outside the run during the iteration"));
        Assert.Equal(RunHarness.Profile("aggressive"), Harness.LiveOverrides());
    }
}
