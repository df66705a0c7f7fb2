// A bot for the command-source and report-file tests: one behaviour per mode, each a way real bots behave or fail.
// It speaks SoakPS's contract (docs/sources.md): overrides in MM_RUNTIME_OVERRIDES_JSON, report to SOAK_EDGE_REPORT_PATH.
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

var mode = args.Length > 0 ? args[0] : "usage";
var rest = args.Skip(1).ToArray();
var reportPath = Environment.GetEnvironmentVariable("SOAK_EDGE_REPORT_PATH");

switch (mode)
{
    case "echo":
        // echo <echo file> [anything…]: records what it received, then reports an iteration that makes the tuner move.
        Echo(rest[0], rest.Skip(1).ToArray());
        WriteReport(reportPath!);
        Console.WriteLine($"bot: iteration {Environment.GetEnvironmentVariable("SOAK_ITERATION")} done");
        return 0;
    case "exit":
        // exit <code>: a good report, then a failing exit code: the exit code decides.
        WriteReport(reportPath!);
        Console.Error.WriteLine("bot: giving up");
        return int.Parse(rest[0], CultureInfo.InvariantCulture);
    case "garbage":
        File.WriteAllText(reportPath!, "this is not an edge report {{{");
        return 0;
    case "huge":
        // huge: a report of valid JSON padded past the 16 MiB an edge report may hold.
        WriteReport(reportPath!);
        File.AppendAllText(reportPath!, new string(' ', 17 * 1024 * 1024));
        return 0;
    case "pipe":
        // pipe: leaves a named pipe where the report belongs; nothing ever writes to it, so reading it would block.
        using (var mkfifo = Process.Start("mkfifo", new[] { reportPath! }))
        {
            mkfifo.WaitForExit();
            return mkfifo.ExitCode;
        }
    case "nothing":
        Console.WriteLine("bot: nothing to say");
        return 0;
    case "stale":
        WriteReport(reportPath!);
        File.SetLastWriteTimeUtc(reportPath!, DateTime.UtcNow.AddHours(-1));
        return 0;
    case "flood":
        // flood <megabytes>: floods stdout, then ends with a line the log's tail must keep.
        Flood(int.Parse(rest[0], CultureInfo.InvariantCulture));
        WriteReport(reportPath!);
        return 0;
    case "hang":
        // hang <pid file>: starts a child that sleeps, records both pids, sleeps forever.
        Hang(rest[0], orphan: false);
        return 0;
    case "orphan":
        // orphan <pid file>: its child starts a grandchild and exits, so the grandchild is re-parented to init.
        Hang(rest[0], orphan: true);
        return 0;
    case "spawn":
        // spawn <pid file>: starts a sleeping process, records its pid, exits at once.
        var sleeper = StartSelf("sleep");
        File.AppendAllText(rest[0] + ".grandchild", sleeper.Id.ToString(CultureInfo.InvariantCulture));
        return 0;
    case "sleep":
        Thread.Sleep(Timeout.Infinite);
        return 0;
    case "hang-once":
        // hang-once <flag file> <pid file> <echo file>: hangs the first time (until stopped), behaves as echo afterwards.
        if (!File.Exists(rest[0]))
        {
            File.WriteAllText(rest[0], "hung once");
            Hang(rest[1], orphan: false);
        }
        Echo(rest[2], Array.Empty<string>());
        WriteReport(reportPath!);
        return 0;
    case "background":
        // background <report file> <window ms> <stop file> <echo file> <overrides file>: a long-running bot that reloads
        // runtime_overrides.json every window and writes its report by rename; it stops writing once <stop file> exists.
        Background(rest[0], int.Parse(rest[1], CultureInfo.InvariantCulture), rest[2], rest[3], rest[4]);
        return 0;
    default:
        Console.Error.WriteLine("usage: SoakPS.TestBot echo|exit|garbage|nothing|stale|flood|hang|orphan|hang-once|background …");
        return 64;
}

static void Echo(string echoFile, string[] extra)
{
    var line = new JsonObject
    {
        ["iteration"] = Environment.GetEnvironmentVariable("SOAK_ITERATION"),
        ["run_id"] = Environment.GetEnvironmentVariable("SOAK_RUN_ID"),
        ["overrides"] = JsonNode.Parse(Environment.GetEnvironmentVariable("MM_RUNTIME_OVERRIDES_JSON") ?? "null"),
        ["overrides_path"] = Environment.GetEnvironmentVariable("SOAK_RUNTIME_OVERRIDES_PATH"),
        ["report_path"] = Environment.GetEnvironmentVariable("SOAK_EDGE_REPORT_PATH"),
        ["working_directory"] = Environment.CurrentDirectory,
        ["arguments"] = new JsonArray(extra.Select(a => (JsonNode?)JsonValue.Create(a)).ToArray()),
    };
    File.AppendAllText(echoFile, line.ToJsonString() + "\n");
}

// Risk high and negative edge: every iteration the tuner proposes changes, so the overrides move between iterations.
static string Report() => """{"totals":{"net_bps":1.0,"risk_ratio":0.65,"adverse_bps_p95":2.0,"slippage_bps_p95":1.0,"cancel_ratio":0.3,"p95_latency_ms":200,"maker_taker_ratio":1.2}}""";

static void WriteReport(string path) => File.WriteAllText(path, Report());

static void WriteByRename(string path, string text)
{
    var temp = path + ".tmp";
    File.WriteAllText(temp, text);
    File.Move(temp, path, overwrite: true);
}

static void Flood(int megabytes)
{
    using var stdout = Console.OpenStandardOutput();
    var line = Encoding.ASCII.GetBytes(new string('x', 1023) + "\n");
    for (var i = 0; i < megabytes * 1024; i++)
    {
        stdout.Write(line);
    }
    stdout.Write(Encoding.ASCII.GetBytes("END OF FLOOD\n"));
}

static void Hang(string pidFile, bool orphan)
{
    var child = orphan ? StartSelf("spawn", pidFile) : StartSelf("sleep");
    if (orphan)
    {
        child.WaitForExit();
        while (!File.Exists(pidFile + ".grandchild")) Thread.Sleep(10);
    }
    var pids = new List<int> { Environment.ProcessId, child.Id };
    if (orphan) pids.Add(int.Parse(File.ReadAllText(pidFile + ".grandchild"), CultureInfo.InvariantCulture));
    WriteByRename(pidFile, string.Join(" ", pids));
    Console.WriteLine("bot: hanging");
    Thread.Sleep(Timeout.Infinite);
}

static Process StartSelf(params string[] arguments)
{
    var self = Environment.ProcessPath!;
    var start = new ProcessStartInfo(self) { UseShellExecute = false };
    if (Path.GetFileNameWithoutExtension(self).Equals("dotnet", StringComparison.OrdinalIgnoreCase))
    {
        start.ArgumentList.Add(typeof(Marker).Assembly.Location);
    }
    foreach (var a in arguments) start.ArgumentList.Add(a);
    return Process.Start(start)!;
}

static void Background(string reportFile, int windowMs, string stopFile, string echoFile, string overridesPath)
{
    for (var i = 1; !File.Exists(stopFile); i++)
    {
        Thread.Sleep(windowMs);
        var overrides = File.Exists(overridesPath) ? JsonNode.Parse(File.ReadAllText(overridesPath)) : null;
        File.AppendAllText(echoFile, new JsonObject { ["window"] = i, ["overrides"] = overrides }.ToJsonString() + "\n");
        WriteByRename(reportFile, Report());
    }
    Thread.Sleep(Timeout.Infinite);
}

internal sealed class Marker;
