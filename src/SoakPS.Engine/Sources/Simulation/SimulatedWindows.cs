using System.Collections.Concurrent;

namespace SoakPS.Engine.Sources.Simulation;

/// <summary>
/// Windows of one market already simulated, shared by runs that meet the same seeds (a study's arms). A window depends
/// only on (seed, iteration, regime, settings, window length), so an arm that plays settings another arm already played
/// at that seed and iteration gets the same result without simulating it again: tuned arms that end on the same
/// presets cost one arm, not three. A seed's windows are kept until <see cref="Forget"/>.
/// </summary>
internal sealed class SimulatedWindows
{
    private readonly ConcurrentDictionary<int, ConcurrentDictionary<WindowKey, Lazy<WindowResult>>> _bySeed = new();
    private long _simulated;
    private long _reused;

    /// <summary>Windows simulated through this cache.</summary>
    public long Simulated => Interlocked.Read(ref _simulated);

    /// <summary>Windows answered from this cache without simulating.</summary>
    public long Reused => Interlocked.Read(ref _reused);

    /// <summary>The window of these coordinates: the one already simulated, or <paramref name="simulate"/>'s (run once even when two runs ask at once).</summary>
    public WindowResult GetOrSimulate(int seed, int iteration, MarketRegime regime, QuoteSettings settings, TimeSpan window, Func<WindowResult> simulate)
    {
        var windows = _bySeed.GetOrAdd(seed, _ => new ConcurrentDictionary<WindowKey, Lazy<WindowResult>>());
        var key = new WindowKey(iteration, regime, settings, window);
        var mine = new Lazy<WindowResult>(simulate, LazyThreadSafetyMode.ExecutionAndPublication);
        var entry = windows.GetOrAdd(key, mine);
        if (!ReferenceEquals(entry, mine))
        {
            Interlocked.Increment(ref _reused);
            return entry.Value;
        }
        try
        {
            var result = entry.Value;
            Interlocked.Increment(ref _simulated);
            return result;
        }
        catch
        {
            // A stopped or failed simulation is not a result: the next run that asks simulates the window itself.
            windows.TryRemove(new KeyValuePair<WindowKey, Lazy<WindowResult>>(key, entry));
            throw;
        }
    }

    /// <summary>Drops a seed's windows once no run will ask for them again.</summary>
    public void Forget(int seed) => _bySeed.TryRemove(seed, out _);

    private readonly record struct WindowKey(int Iteration, MarketRegime Regime, QuoteSettings Settings, TimeSpan Window);
}
