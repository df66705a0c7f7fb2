using System.Collections.Concurrent;
using SoakPS.Engine.Kpi;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Studies;

/// <summary>
/// Fits the regime tuner's presets on the simulator (docs/tuning.md). Every seed's chain of windows is played once with
/// the start values and each window classified from its report, as the tuner will; a class's preset is then judged on
/// the windows that followed a window of that class (the tuner sees a class one window late), paired: every candidate
/// meets the same windows. Its FAIL share is weighed by regime from every window of the fit (<see cref="WindowTally"/>):
/// the few spikes that follow one class are too few to tell a preset that fails one spike in ten from one that fails none. The search is a grid over the two parameters that move verdicts, then passes over each
/// parameter's own grid and a finer step around the point found, until a pass improves nothing.
/// </summary>
internal static class PresetFitter
{
    private const int MaxPasses = 3;

    public static IReadOnlyList<RegimeClass> Fit(PresetFitOptions options, CancellationToken cancellationToken, Action<string>? progress = null)
    {
        var windows = Classify(options, cancellationToken);
        // Every candidate is played on every window once, whichever class it is judged for: the tallies are shared.
        var tallies = new Dictionary<string, WindowTally>(StringComparer.Ordinal);
        WindowTally Tally(ParameterSet values)
        {
            var key = values.ToCanonicalJson();
            if (!tallies.TryGetValue(key, out var tally))
            {
                tallies[key] = tally = Play(options, windows, values, cancellationToken);
            }
            return tally;
        }
        var fitted = new List<RegimeClass>();
        for (var c = 0; c < options.Classes.Count; c++)
        {
            var target = options.Classes[c];
            var followers = windows.Count(w => w.After == c);
            if (followers == 0)
            {
                progress?.Invoke($"{target.Name}: no window followed a {target.Name} window; its preset stays as it is, unjudged.");
                fitted.Add(target with { Evidence = null });
                continue;
            }
            var (best, evaluated) = Search(options, values => Tally(values).Judge(values, c), c, progress);
            progress?.Invoke($"{target.Name}: {evaluated} candidates on {followers} windows; chose {best.Values} (OK {best.OkShare:P1}, FAIL {best.FailShare:P1}, {best.NetUsdPerWindow:F0} USD per window).");
            fitted.Add(target with
            {
                Preset = new SortedDictionary<string, decimal>(best.Values.Values.ToDictionary(), StringComparer.Ordinal),
                Evidence = new PresetEvidence(options.Seeds.Count, followers, evaluated, Math.Round(best.OkShare, 4), Math.Round(best.FailShare, 4),
                    Math.Round(best.NetUsdPerWindow, 2), Math.Round(best.VolumeUsdPerWindow, 0)),
            });
        }
        return fitted;
    }

    /// <summary>One window to judge a preset on: where it is in its seed's chain, the class of the window before it, and whether it stayed in that class.</summary>
    private readonly record struct FitWindow(int Seed, int Iteration, MarketRegime Regime, int After, bool SameClass);

    private static List<FitWindow> Classify(PresetFitOptions options, CancellationToken cancellationToken)
    {
        var all = new ConcurrentBag<FitWindow>();
        var window = TimeSpan.FromMinutes(options.IterationMinutes);
        var start = QuoteSettings.From(options.Start);
        Parallel.ForEach(options.Seeds, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            () => new MarketSimulator(options.Market), (seed, _, simulator) =>
            {
                var chain = new RegimeChain(seed, options.Market.Transitions);
                var previous = -1;
                for (var n = 1; n <= options.Iterations; n++)
                {
                    var regime = chain.At(n);
                    var metrics = SimulationReport.Metrics(simulator.Run(seed, n, regime, start, window));
                    var cls = RegimeTuner.Classify(options.Classes, metrics);
                    if (previous >= 0) all.Add(new FitWindow(seed, n, regime, previous, cls == previous));
                    previous = cls;
                }
                return simulator;
            }, _ => { });
        return all.OrderBy(w => w.Seed).ThenBy(w => w.Iteration).ToList();
    }

    private static (PresetCandidate Best, int Evaluated) Search(PresetFitOptions options, Func<ParameterSet, PresetCandidate> judge, int cls, Action<string>? progress)
    {
        var cache = new Dictionary<string, PresetCandidate>(StringComparer.Ordinal);
        PresetCandidate Judge(ParameterSet values)
        {
            var key = values.ToCanonicalJson();
            if (!cache.TryGetValue(key, out var judged))
            {
                cache[key] = judged = judge(values);
            }
            return judged;
        }
        // The choice is made over everything judged so far, never step by step: small FAIL increases within the tolerance cannot add up.
        PresetCandidate Best() => PresetCandidate.Choose(cache.Values, options.OkTarget, options.FailTolerance);

        var best = Judge(options.Start);
        // The grid: the two parameters that move verdicts (impact cap and inventory limit), every step of their range.
        foreach (var impact in Steps(options.Catalog["impact_cap_ratio"], 0.01m))
        {
            foreach (var maxDelta in Steps(options.Catalog["max_delta_ratio"], 0.01m))
            {
                Judge(best.Values.With("impact_cap_ratio", impact).With("max_delta_ratio", maxDelta));
            }
        }
        best = Best();
        // Then each parameter along its own grid, coarse then fine, until a whole pass changes nothing.
        foreach (var fine in new[] { false, true })
        {
            for (var pass = 0; pass < MaxPasses; pass++)
            {
                var before = best;
                foreach (var definition in options.Catalog.Definitions)
                {
                    var around = best.Values.TryGet(definition.Name, out var at) ? at : definition.Default;
                    foreach (var value in fine ? Steps(definition, CoarseStep(definition) / 4, around - CoarseStep(definition), around + CoarseStep(definition)) : Steps(definition, CoarseStep(definition)))
                    {
                        Judge(best.Values.With(definition.Name, value));
                        best = Best();
                    }
                }
                if (ReferenceEquals(before, best)) break;
            }
            progress?.Invoke($"{options.Classes[cls].Name}: {(fine ? "fine" : "coarse")} passes done, {cache.Count} candidates so far.");
        }
        return (best, cache.Count);
    }

    private static WindowTally Play(PresetFitOptions options, List<FitWindow> windows, ParameterSet values, CancellationToken cancellationToken)
    {
        var settings = QuoteSettings.From(values);
        var span = TimeSpan.FromMinutes(options.IterationMinutes);
        var total = new WindowTally(options.Classes.Count);
        var gate = new object();
        Parallel.ForEach(windows, new ParallelOptions { MaxDegreeOfParallelism = options.Parallelism, CancellationToken = cancellationToken },
            () => (Simulator: new MarketSimulator(options.Market), Tally: new WindowTally(options.Classes.Count)),
            (w, _, local) =>
            {
                var result = local.Simulator.Run(w.Seed, w.Iteration, w.Regime, settings, span);
                var verdict = KpiGate.Evaluate(SimulationReport.Metrics(result), options.Kpi).Verdict;
                local.Tally.Add(w.Regime, w.After, w.SameClass, verdict, result.NetUsd, result.VolumeUsd);
                return local;
            },
            local => { lock (gate) { total.Merge(local.Tally); } });
        return total;
    }

    private static IEnumerable<decimal> Steps(ParameterDefinition definition, decimal step, decimal? from = null, decimal? to = null)
    {
        var low = Math.Max(definition.Min, from ?? definition.Min);
        var high = Math.Min(definition.Max, to ?? definition.Max);
        // Never finer than the parameter's own rounding: a step that rounds to nothing (bounds a profile narrowed) never advanced.
        step = Math.Max(step, 1m / (decimal)Math.Pow(10, definition.Decimals));
        for (var v = low; v <= high; v += step)
        {
            yield return definition.Round(v);
        }
    }

    /// <summary>An eighth of the range (whole units for integer parameters); the fine search steps a quarter of it around the best point.</summary>
    private static decimal CoarseStep(ParameterDefinition definition) =>
        definition.Decimals == 0 ? Math.Max(4, Math.Round(definition.Range / 8)) : definition.Round(definition.Range / 8);
}
