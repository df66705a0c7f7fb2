using System.Diagnostics;
using SoakPS.Engine.Journal;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Undo;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>Attack class "an undo that fails to write (full disk) is journalled anyway": a change is journalled only once its file is on disk.</summary>
[Trait("Category", "Attack")]
public class WriteFailureAttacks
{
    [Fact]
    public void An_undo_whose_new_file_cannot_be_written_is_not_journalled_and_changes_nothing()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Making one folder unwritable while its subfolder stays writable is done with POSIX modes here.
        }
        using var h = new RunHarness();
        h.Run(h.Options(new ListSource(new[] { ReportTexts.Make(net: 2.8, risk: 0.45, cancel: 0.6) }), 4));
        var journal = File.ReadAllBytes(h.Layout.LatestRun.Journal);
        var live = File.ReadAllBytes(h.Layout.RuntimeOverrides);

        Exception? error;
        using (Unwritable(h.Root))
        {
            // latest/ (the journal) stays writable, the root (where the new live file goes) does not: as on a full disk.
            error = Record.Exception(() => new TuningUndo(h.Layout, ParameterCatalog.Default, RunHarness.Profile, h.Clock)
                .Run(new UndoTarget(ToProfile: "aggressive"), _ => true));
        }

        Assert.True(error is IOException or UnauthorizedAccessException, $"the write failed: {error}");
        Assert.Equal(journal, File.ReadAllBytes(h.Layout.LatestRun.Journal));
        Assert.Equal(live, File.ReadAllBytes(h.Layout.RuntimeOverrides));
        Assert.Empty(Directory.EnumerateFiles(h.Root, "*.tmp"));
    }

    /// <summary>As root a mode does not stop writes, so the immutable attribute does; otherwise the folder loses its write bit.</summary>
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    private static IDisposable Unwritable(string folder)
    {
        if (Environment.UserName == "root")
        {
            Chattr("+i", folder);
            return new Restore(() => Chattr("-i", folder));
        }
        var mode = File.GetUnixFileMode(folder);
        File.SetUnixFileMode(folder, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        return new Restore(() => File.SetUnixFileMode(folder, mode));
    }

    private static void Chattr(string flag, string folder)
    {
        using var chattr = Process.Start(new ProcessStartInfo("chattr") { ArgumentList = { flag, folder } })!;
        chattr.WaitForExit();
        Assert.Equal(0, chattr.ExitCode);
    }

    private sealed class Restore(Action undo) : IDisposable
    {
        public void Dispose() => undo();
    }
}
