namespace SoakPS.Engine.Metrics;

/// <summary>
/// Another spelling of a metric found in real reports: a dotted path under "totals" (or the top level), the kind of the
/// value found there, and how it becomes the catalogue's value (null when it cannot, e.g. a maker/taker quotient with no taker fills).
/// </summary>
internal sealed record MetricAlias(string Path, MetricKind Kind, Func<double, double?> ToCanonical, string Meaning)
{
    public static MetricAlias Same(string path, MetricKind kind) => new(path, kind, v => v, "same value");
}
