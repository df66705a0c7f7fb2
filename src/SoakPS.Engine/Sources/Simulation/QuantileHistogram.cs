namespace SoakPS.Engine.Sources.Simulation;

/// <summary>A fixed-bucket histogram for a p95 over a window: constant memory and O(1) per sample, however many samples.</summary>
internal sealed class QuantileHistogram
{
    private readonly double _min;
    private readonly double _width;
    private readonly long[] _counts;
    private long _total;

    public QuantileHistogram(double min, double max, int buckets)
    {
        _min = min;
        _width = (max - min) / buckets;
        _counts = new long[buckets];
    }

    public long Count => _total;

    public void Add(double value)
    {
        var i = (int)((value - _min) / _width);
        _counts[i < 0 ? 0 : i >= _counts.Length ? _counts.Length - 1 : i]++;
        _total++;
    }

    /// <summary>The upper edge of the bucket holding quantile q (0 when empty).</summary>
    public double Quantile(double q)
    {
        if (_total == 0) return 0;
        var rank = (long)Math.Ceiling(q * _total);
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank) return _min + (i + 1) * _width;
        }
        return _min + _counts.Length * _width;
    }

    public void Clear()
    {
        Array.Clear(_counts);
        _total = 0;
    }
}
