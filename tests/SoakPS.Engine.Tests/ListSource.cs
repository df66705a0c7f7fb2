using SoakPS.Engine.Sources;

namespace SoakPS.Engine.Tests;

/// <summary>A source that returns crafted report texts in order (null = a source failure), for run and guard scenarios.</summary>
internal sealed class ListSource : IEdgeReportSource
{
    private readonly IReadOnlyList<string?> _reports;

    public ListSource(IEnumerable<string?> reports) => _reports = reports.ToArray();

    public string Name => "scripted";

    public SourceClock Clock => SourceClock.Market;

    public TimeSpan DefaultInterval => TimeSpan.Zero;

    public SourceSettings Settings => SourceSettings.None;

    public List<IterationContext> Seen { get; } = new();

    public Action<IterationContext>? OnObtain { get; set; }

    public Task<SourceResult> ObtainAsync(IterationContext context, CancellationToken cancellationToken)
    {
        Seen.Add(context);
        OnObtain?.Invoke(context);
        var text = _reports[(context.Iteration - 1) % _reports.Count];
        return Task.FromResult(text is null ? SourceResult.Failure("no report") : SourceResult.Report(text));
    }

    public void Dispose() { }
}
