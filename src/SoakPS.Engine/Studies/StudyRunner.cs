using System.Collections.Concurrent;
using System.Diagnostics;
using SoakPS.Engine.Files;
using SoakPS.Engine.Runs;
using SoakPS.Engine.Sources;
using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Studies;

/// <summary>
/// Runs a study's (seed, arm) runs in parallel, each a full soak run in its own artifact root, and hands each
/// outcome back on the caller's thread as soon as it exists (so a cmdlet can write it).
/// </summary>
internal static class StudyRunner
{
    /// <summary>
    /// Runs every seed × arm of a study in <see cref="StudyOptions.Root"/>, or, without one, in a folder of its own: for
    /// throwaway runs a new scratch folder (<see cref="StudyScratchFolder"/>) removed however the study ends (completed,
    /// failed, Ctrl+C, SIGTERM); for kept runs a new folder in the temporary folder, left for the user.
    /// </summary>
    /// <param name="rootChosen">Told the study's root before the first run starts.</param>
    /// <param name="removalFailed">Told when the study's own root could not be removed at the end.</param>
    public static IEnumerable<StudyRun> Execute(StudyOptions options, CancellationToken cancellationToken, Action<string>? rootChosen = null, Action<string>? removalFailed = null)
    {
        var temporary = options.Root is null && options.ThrowawayRuns;
        if (options.Root is null)
        {
            // Throwaway runs: memory-backed where the system has it, each run removed once measured, writes not forced to disk.
            // Kept ones belong on the disk, in the temporary folder, like any run's.
            options = options with { Root = options.ThrowawayRuns ? StudyScratchFolder.Create() : Path.Combine(Path.GetTempPath(), "soakps-study-" + Guid.NewGuid().ToString("N")) };
        }
        rootChosen?.Invoke(options.Root!);
        return RunAll(options, temporary, removalFailed, cancellationToken);
    }

    private static IEnumerable<StudyRun> RunAll(StudyOptions options, bool temporary, Action<string>? removalFailed, CancellationToken cancellationToken)
    {
        // Disposed last: a SIGTERM or SIGHUP is held until the runs are closed and the temporary root is gone.
        using var termination = new TerminationSignals(cancellationToken);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(termination.Token);
        var token = stop.Token;
        var arms = options.Arms().ToList();
        var work = options.Seeds.SelectMany(seed => arms.Select(arm => (seed, arm))).ToList();
        // The arms of a seed meet the same market, so they share its windows; a seed's are dropped when its last arm ends.
        var windows = options.ShareWindows ? new SimulatedWindows() : null;
        var armsLeft = new ConcurrentDictionary<int, int>(options.Seeds.GroupBy(seed => seed).Select(g => KeyValuePair.Create(g.Key, arms.Count * g.Count())));
        using var results = new BlockingCollection<StudyRun>();
        var producer = Task.Run(() =>
        {
            try
            {
                // Taken in order, one at a time: the runs in flight are the arms of one or two seeds, whose windows are shared.
                Parallel.ForEach(Partitioner.Create(work, EnumerablePartitionerOptions.NoBuffering),
                    new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, options.Parallelism), CancellationToken = token },
                    item =>
                    {
                        results.Add(RunOne(options, item.seed, item.arm, token, windows));
                        if (armsLeft.AddOrUpdate(item.seed, 0, (_, left) => left - 1) == 0) windows?.Forget(item.seed);
                    });
            }
            finally
            {
                results.CompleteAdding();
            }
        }, CancellationToken.None);
        try
        {
            foreach (var run in results.GetConsumingEnumerable(CancellationToken.None))
            {
                yield return run;
            }
            producer.GetAwaiter().GetResult();
        }
        finally
        {
            // However the caller left (done, an error, a stopped pipeline): no run may still be writing when the root goes.
            stop.Cancel();
            try { producer.Wait(CancellationToken.None); } catch (AggregateException) { }
            if (temporary) RemoveRoot(options.Root!, removalFailed);
        }
    }

    private static void RemoveRoot(string root, Action<string>? removalFailed)
    {
        try
        {
            if (Directory.Exists(root)) TreeRemoval.Remove(root);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SoakException)
        {
            removalFailed?.Invoke($"The study's temporary folder '{root}' could not be removed: {e.Message}");
        }
    }

    /// <param name="windows">Windows of the study's market other arms of this seed may already have simulated.</param>
    public static StudyRun RunOne(StudyOptions options, int seed, StudyArm arm, CancellationToken cancellationToken, SimulatedWindows? windows = null)
    {
        var watch = Stopwatch.StartNew();
        var layout = new ArtifactLayout(Path.Combine(options.Root ?? throw new ArgumentException("A study run needs the study's root.", nameof(options)), SafeName.Check(arm.Name.Replace('+', '-'), "arm"), $"seed-{seed}"));
        var runOptions = new SoakRunOptions
        {
            // Every arm meets the study's market, whatever its profile's policy.simulator says: the arms' comparison stays paired.
            Source = new SimulatorSource(seed, options.Market, windows),
            Iterations = options.Iterations,
            AutoTune = arm.AutoTune,
            Tuner = Tuners.For(arm.Tuner ?? RulesTuner.TunerName),
            InitialOverrides = arm.Profile.Values,
            ProfileName = arm.Profile.Profile?.Name,
            Catalog = arm.Profile.Catalog,
            Policy = arm.Profile.Policy,
            ProfileValues = options.ProfileValues,
            IterationWindow = TimeSpan.FromMinutes(options.IterationMinutes),
            Seed = seed,
        };
        var tally = new RunTally(Math.Min(arm.Profile.Policy.Kpi.RunVerdictWindow, options.Iterations));
        string verdict = "none";
        using (options.ThrowawayRuns ? ArtifactFileSystem.Use(ArtifactFileSystem.Current.WithoutForcingToDisk()) : null)
        {
            using (runOptions.Source)
            {
                foreach (var e in SoakRunner.Execute(layout, runOptions, cancellationToken))
                {
                    switch (e)
                    {
                        case IterationCompleted c:
                            tally.Add(c.Summary);
                            break;
                        case RunFinished f:
                            verdict = f.Run.Verdict ?? "none";
                            break;
                    }
                }
            }
            if (options.ThrowawayRuns)
            {
                TreeRemoval.Remove(layout.Root);
            }
        }
        return new StudyRun(seed, arm.Name, arm.ProfileName, arm.AutoTune, tally.Result(verdict), watch.Elapsed);
    }
}
