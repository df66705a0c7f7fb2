using System.Text;
using SoakPS.Engine.Files;
using SoakPS.Engine.Rotation;

namespace SoakPS.Engine.Tests.Rotation;

/// <summary>A throwaway artifact root with helpers to lay out runs, summaries and snapshots, plus a fixed clock.</summary>
internal sealed class RotationTree : IDisposable
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    public RotationTree()
    {
        Base = Path.Combine(Path.GetTempPath(), "soakps-rotation-tests", Guid.NewGuid().ToString("N"));
        Layout = new ArtifactLayout(Path.Combine(Base, "root"));
        Outside = Path.Combine(Base, "outside");
        Directory.CreateDirectory(Layout.Root);
        Directory.CreateDirectory(Outside);
    }

    /// <summary>Holds the root and, beside it, a folder that is outside the root and must never be touched.</summary>
    public string Base { get; }
    public ArtifactLayout Layout { get; }
    public string Outside { get; }
    public TimeProvider Clock { get; } = new FixedClock(Now);

    public string Run(string folder, string runId, string status, DateTimeOffset started, DateTimeOffset? ended = null)
    {
        Directory.CreateDirectory(folder);
        var endedJson = ended is { } e ? $"\"{e:O}\"" : "null";
        File.WriteAllText(Path.Combine(folder, "run.json"),
            $"{{\"run_id\":\"{runId}\",\"status\":\"{status}\",\"started_utc\":\"{started:O}\",\"ended_utc\":{endedJson}}}");
        return folder;
    }

    public static string SummaryJson(string runId, int n) =>
        $"{{\n  \"iteration\": {n},\n  \"run_id\": \"{runId}\",\n  \"timestamp\": \"2026-11-01T00:00:00+00:00\",\n  \"summary\": {{ \"net_bps\": {n % 7}.25, \"risk_ratio\": 0.3 }},\n  \"tuning\": {{ \"applied\": {(n % 2 == 0 ? "true" : "false")}, \"skip_reason\": null }},\n  \"kpi\": {{ \"verdict\": \"OK\", \"reasons\": [] }}\n}}\n";

    public void Summaries(string folder, string runId, IEnumerable<int> numbers, Func<int, DateTime>? mtime = null)
    {
        foreach (var n in numbers)
        {
            var path = Path.Combine(folder, $"ITER_SUMMARY_{n}.json");
            File.WriteAllText(path, SummaryJson(runId, n));
            if (mtime is not null) File.SetLastWriteTimeUtc(path, mtime(n));
        }
    }

    public string Snapshot(string runId, DateTimeOffset taken, DateTime? mtime = null)
    {
        Directory.CreateDirectory(Layout.Snapshots);
        var path = Path.Combine(Layout.Snapshots, $"{runId}_{taken.UtcDateTime:yyyyMMdd'T'HHmmss'Z'}.json");
        File.WriteAllText(path, $"{{\"run_id\":\"{runId}\",\"ended_utc\":\"{taken:O}\",\"padding\":\"{new string('x', 300)}\"}}");
        if (mtime is { } m) File.SetLastWriteTimeUtc(path, m);
        return path;
    }

    public static IReadOnlyList<int> SummaryNumbers(string folder) =>
        IterationFiles.List(folder).Select(f => f.Iteration).ToArray();

    /// <summary>Every file under a folder with its bytes, links recorded as links: the state rotation must not change.</summary>
    public static SortedDictionary<string, string> Fingerprint(string folder)
    {
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var entry in new DirectoryInfo(folder).EnumerateFileSystemInfos("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 }))
        {
            var key = Path.GetRelativePath(folder, entry.FullName);
            result[key] = entry.LinkTarget is { } target ? "link:" + target
                : entry is FileInfo file ? Convert.ToBase64String(File.ReadAllBytes(file.FullName))
                : "dir";
        }
        return result;
    }

    public RotationResult Rotate(RotationOptions? options = null, Func<RotationAction, bool>? mayProceed = null, bool whatIf = false,
        Func<Stream, Stream>? wrapArchiveOutput = null)
    {
        options ??= new RotationOptions();
        var plan = RotationPlanner.Plan(Layout, options, Clock);
        return RotationExecutor.Execute(Layout, plan, options, Clock, mayProceed ?? (_ => true), whatIf, wrapArchiveOutput);
    }

    public void Dispose()
    {
        try { Directory.Delete(Base, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    public sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }

    /// <summary>A stream that accepts some bytes and then fails, as a disk or a crash would mid-write.</summary>
    public sealed class FailingStream(Stream inner, int failAfter) : Stream
    {
        private int _written;
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => inner.Length;
        public override long Position { get => inner.Position; set => throw new NotSupportedException(); }
        public override void Flush() => inner.Flush();
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer)
        {
            var allowed = Math.Max(0, Math.Min(buffer.Length, failAfter - _written));
            inner.Write(buffer[..allowed]);
            _written += allowed;
            if (allowed < buffer.Length) throw new IOException("simulated failure mid-write");
        }
    }
}
