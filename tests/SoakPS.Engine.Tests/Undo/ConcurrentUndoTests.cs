using SoakPS.Engine.Files;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Json;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Undo;

namespace SoakPS.Engine.Tests;

/// <summary>An undo from this process while a run is active in another process is kept by that run.</summary>
public class ConcurrentUndoTests
{
    [Fact]
    public void An_undo_while_another_process_runs_is_kept_and_pauses_its_tuning()
    {
        var root = Path.Combine(Path.GetTempPath(), "soakps-undo", Guid.NewGuid().ToString("N"));
        try
        {
            var layout = new ArtifactLayout(root);
            using var child = ChildSoak.Start(root, 10, 0.4);
            string? line;
            while ((line = child.StandardOutput.ReadLine()) is not null && line != "iteration 3")
            {
            }
            Assert.Equal("iteration 3", line);
            Assert.NotNull(RunLock.ActiveHolder(layout));

            var steady = RunHarness.Profile("steady_safe");
            var undo = new TuningUndo(layout, ParameterCatalog.Default, RunHarness.Profile, TimeProvider.System);
            undo.Run(new UndoTarget(ToProfile: "steady_safe"), _ => true);

            child.StandardOutput.ReadToEnd();
            child.WaitForExit();
            Assert.Equal(0, child.ExitCode);

            var journal = new JournalFile(layout.LatestRun.Journal).Read().ToList();
            var undoIndex = journal.FindIndex(e => e.Type == JournalEntry.Undo);
            Assert.True(undoIndex > 0);
            var next = journal.Skip(undoIndex + 1).First(e => e.Type is JournalEntry.Decision or JournalEntry.ExternalChange);
            Assert.True(next.Type == JournalEntry.ExternalChange || next.SkipReason == "external_change", $"after the undo came {next.Type} {next.SkipReason}");
            Assert.Equal(steady.Values, next.Overrides);
            var summaries = IterationFiles.List(layout.Latest).Select(f => SoakJson.Deserialize<IterationSummary>(File.ReadAllText(f.Path))).ToList();
            var firstAfter = summaries.First(s => s.Iteration == (next.Iteration ?? 0));
            Assert.Equal(steady.Values, firstAfter.Tuning.Overrides);
            Assert.False(firstAfter.Tuning.Applied);
        }
        finally
        {
            try { Directory.Delete(root, true); } catch (IOException) { }
        }
    }
}
