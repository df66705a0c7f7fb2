using SoakPS.Engine.Journal;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Tests.Journal;

/// <summary>
/// A run keeps its journal open and does not read back the end of what it appended itself; what another writer
/// appended meanwhile (an undo from another process) is kept, and a torn record such a writer left is cut.
/// </summary>
public class HeldJournalTests
{
    private static JournalEntry Entry(string type, int? iteration = null) => new() { Type = type, RunId = "r", Iteration = iteration };

    [Fact]
    public void Appends_through_a_held_journal_keep_another_writers_records_and_cut_the_torn_record_it_left()
    {
        using var folder = new TempFolder("soakps-journal-");
        var path = folder["journal.jsonl"];
        var run = new JournalFile(path);
        using (run.KeepOpen())
        {
            run.Append(Entry(JournalEntry.RunStarted));
            run.Append(Entry(JournalEntry.Decision, 1));
            new JournalFile(path).Append(Entry(JournalEntry.Undo));
            run.Append(Entry(JournalEntry.Decision, 2));
            // Another writer killed in the middle of its record.
            File.AppendAllText(path, "{\"type\":\"undo\",\"run_id\":\"r\",\"at\":\"2026-");
            run.Append(Entry(JournalEntry.Decision, 3));
        }

        var entries = run.ReadVerified();
        Assert.Equal(new[] { "run_started:", "decision:1", "undo:", "decision:2", "decision:3" }, entries.Select(e => $"{e.Type}:{e.Iteration}"));
        Assert.EndsWith("\n", File.ReadAllText(path));
    }

    [Fact]
    public void A_withdrawn_record_of_a_held_journal_is_gone_and_the_next_append_follows_the_one_before()
    {
        using var folder = new TempFolder("soakps-journal-");
        var run = new JournalFile(folder["journal.jsonl"]);
        using (run.KeepOpen())
        {
            run.Append(Entry(JournalEntry.RunStarted));
            var start = run.Append(Entry(JournalEntry.Decision, 1));
            run.Withdraw(start);
            run.Append(Entry(JournalEntry.Decision, 1));
        }

        Assert.Equal(new[] { "run_started:", "decision:1" }, run.ReadVerified().Select(e => $"{e.Type}:{e.Iteration}"));
    }
}
