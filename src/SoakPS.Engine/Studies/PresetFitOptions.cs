using SoakPS.Engine.Kpi;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Sources.Simulation;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Studies;

/// <summary>What a preset fit searches over: the simulated market, its seeds, the classes to fit and the rules of choice.</summary>
internal sealed record PresetFitOptions
{
    /// <summary>Each seed is one chain of windows; the windows that follow a window of a class are where that class's preset is judged.</summary>
    public required IReadOnlyList<int> Seeds { get; init; }

    public int Iterations { get; init; } = 96;
    public double IterationMinutes { get; init; } = 15;
    public MarketModel Market { get; init; } = MarketModel.Default;
    public KpiPolicy Kpi { get; init; } = new();
    public ParameterCatalog Catalog { get; init; } = ParameterCatalog.Default;

    /// <summary>The classes and their conditions; their presets are what the fit replaces.</summary>
    public IReadOnlyList<RegimeClass> Classes { get; init; } = BuiltInPresets.Classes;

    /// <summary>The values the classifying windows are played with, and where the search starts.</summary>
    public required ParameterSet Start { get; init; }

    /// <summary>A class whose own windows some preset keeps OK this often must keep them OK: OK is never traded for money.</summary>
    public double OkTarget { get; init; } = 0.99;

    /// <summary>Presets whose FAIL shares differ by no more than this are equally safe; money decides between them.</summary>
    public double FailTolerance { get; init; } = 0.001;

    public int Parallelism { get; init; } = Environment.ProcessorCount;
}
