using SoakPS.Engine;
using SoakPS.Engine.Files;
using SoakPS.Engine.Planning;
using SoakPS.Engine.Runs;

// A soak run in its own process, for tests that kill it (SIGKILL), signal it (SIGTERM/SIGHUP), race two of them for
// one root, or change its files from outside while it runs.
// Usage: SoakPS.SoakChild <artifact-root> <iterations> <interval-seconds> [--resume] [--start-when <file>]
//        SoakPS.SoakChild --read-overrides <runtime_overrides.json> <stop-file>   (a bot reading its parameters)
// Prints "iteration n" per completed iteration and "warning: …" per warning; an engine error is "error <ErrorId>: …"
// on stderr with exit code 2.
if (args[0] == "--read-overrides")
{
    return OverridesReader.Run(args[1], args[2]);
}
var layout = new ArtifactLayout(args[0]);
var startWhen = Array.IndexOf(args, "--start-when") is var at and >= 0 ? args[at + 1] : null;
while (startWhen is not null && !File.Exists(startWhen))
{
    Thread.Sleep(1);
}
var request = new RunRequest
{
    SourceName = "mock",
    Iterations = int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture),
    IntervalSeconds = double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture),
    AutoTune = true,
    Seed = 7,
    Resume = args.Contains("--resume"),
    Environment = _ => null,
};
try
{
    var options = RunPlanner.Plan(layout, request, _ => { });
    using (options.Source)
    {
        foreach (var e in SoakRunner.Execute(layout, options, CancellationToken.None))
        {
            var line = e switch
            {
                IterationCompleted c => $"iteration {c.Summary.Iteration}",
                RunWarning w => $"warning: {w.Message}",
                _ => null,
            };
            if (line is not null)
            {
                Console.Out.WriteLine(line);
                Console.Out.Flush();
            }
        }
    }
}
catch (SoakException e)
{
    Console.Error.WriteLine($"error {e.ErrorId}: {e.Message}");
    return 2;
}
Console.Out.WriteLine("done");
return 0;
