namespace SoakPS.Engine.Sources.Simulation;

/// <summary>The continuous draws the simulator needs, on the fixed SplitMix64 stream so a seed means the same path on every machine.</summary>
internal static class RandomDraws
{
    /// <summary>Uniform in (0, 1]: never zero, so its logarithm is finite.</summary>
    public static double OpenUniform(ref SplitMix64 rng) => ((rng.NextUInt64() >> 11) + 1) * (1.0 / (1UL << 53));

    /// <summary>Exponential with mean 1.</summary>
    public static double Exponential(ref SplitMix64 rng) => -Math.Log(OpenUniform(ref rng));

    /// <summary>Standard normal by Marsaglia's polar method; the second value of each pair is kept for the next call.</summary>
    public static double Gaussian(ref SplitMix64 rng, ref double spare, ref bool hasSpare)
    {
        if (hasSpare)
        {
            hasSpare = false;
            return spare;
        }
        double u, v, s;
        do
        {
            u = 2.0 * rng.NextDouble() - 1.0;
            v = 2.0 * rng.NextDouble() - 1.0;
            s = u * u + v * v;
        }
        while (s >= 1.0 || s == 0.0);
        var factor = Math.Sqrt(-2.0 * Math.Log(s) / s);
        spare = v * factor;
        hasSpare = true;
        return u * factor;
    }
}
