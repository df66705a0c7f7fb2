using SoakPS.Engine.Artifacts;
using SoakPS.Engine.Runs;

// A soak run in its own process, for tests that kill it (SIGKILL) or change its files from outside while it runs.
// Usage: SoakPS.SoakChild <artifact-root> <iterations> <interval-seconds> [--resume]
var layout = new ArtifactLayout(args[0]);
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
var options = RunPlanner.Plan(layout, request, _ => { });
using (options.Source)
{
    foreach (var e in SoakRunner.Execute(layout, options, CancellationToken.None))
    {
        if (e is IterationCompleted c)
        {
            Console.Out.WriteLine($"iteration {c.Summary.Iteration}");
            Console.Out.Flush();
        }
    }
}
Console.Out.WriteLine("done");
