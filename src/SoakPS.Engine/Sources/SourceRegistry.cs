namespace SoakPS.Engine.Sources;

/// <summary>
/// The sources a run can use, by the name recorded in run.json. Adding a source is its own file (with a static
/// <c>Create(SourceSettings)</c>) plus one line here and a parameter set on Start-SoakRun.
/// </summary>
internal static class SourceRegistry
{
    private static readonly Dictionary<string, Func<SourceSettings, IEdgeReportSource>> Factories = new(StringComparer.Ordinal)
    {
        [MockSource.SourceName] = MockSource.Create,
        [ReplaySource.SourceName] = ReplaySource.Create,
        [SimulatorSource.SourceName] = SimulatorSource.Create,
        [CommandSource.SourceName] = CommandSource.Create,
        [ReportFileSource.SourceName] = ReportFileSource.Create,
    };

    public static IReadOnlyCollection<string> Names => Factories.Keys;

    public static IEdgeReportSource Create(string name, SourceSettings settings) => Factories.TryGetValue(name, out var create)
        ? create(settings)
        : throw new SoakException("UnknownSource", SoakErrorKind.InvalidArgument,
            $"Unknown source '{name}'; known sources: {string.Join(", ", Factories.Keys)}.", name);
}
