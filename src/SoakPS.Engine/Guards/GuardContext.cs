using SoakPS.Engine.Kpi;
using SoakPS.Engine.Parameters;
using SoakPS.Engine.Records;
using SoakPS.Engine.Tuning;

namespace SoakPS.Engine.Guards;

/// <summary>
/// One iteration as the guards see it: the proposal, a candidate value per proposed parameter, and the guard
/// state they read and update. A guard settles a candidate by giving it a status; the first status wins.
/// </summary>
internal sealed class GuardContext
{
    private readonly SortedDictionary<string, Candidate> _candidates = new(StringComparer.Ordinal);

    public GuardContext(
        int iteration,
        bool isFinalIteration,
        DateTimeOffset marketTime,
        ParameterSet current,
        Proposal proposal,
        EdgeMetrics? metrics,
        KpiResult kpi,
        TuningState state,
        GuardPolicy guards,
        ParameterCatalog catalog,
        Func<string, ParameterSet> profileValues)
    {
        Iteration = iteration;
        IsFinalIteration = isFinalIteration;
        MarketTime = marketTime;
        Current = current;
        Proposal = proposal;
        Metrics = metrics;
        Kpi = kpi;
        State = state;
        Guards = guards;
        Catalog = catalog;
        ProfileValues = profileValues;
        foreach (var (name, delta) in proposal.Deltas)
        {
            if (!current.TryGet(name, out var old) || !catalog.TryGet(name, out var definition))
            {
                continue;
            }
            var unclamped = old + delta;
            var clamped = definition.Clamp(unclamped);
            _candidates[name] = new Candidate(name, old, delta, definition.Round(clamped), clamped != unclamped);
        }
    }

    public int Iteration { get; }
    public bool IsFinalIteration { get; }

    /// <summary>The run's last iteration (its planned count) when known: a hold reaching it lasts the rest of the run.</summary>
    public int? LastIteration { get; init; }

    /// <summary>"until after iteration n", or "for the rest of the run" when no iteration of the run comes after n.</summary>
    public string UntilAfter(int iteration) =>
        LastIteration is { } last && iteration >= last ? "for the rest of the run" : $"until after iteration {iteration}";

    /// <summary>"through iteration n", or "through the end of the run" when n is the run's last iteration or beyond it.</summary>
    public string Through(int iteration) =>
        LastIteration is { } last && iteration >= last ? "through the end of the run" : $"through iteration {iteration}";

    /// <summary>The run's clock at this iteration: market time for mock and simulated runs.</summary>
    public DateTimeOffset MarketTime { get; }

    public ParameterSet Current { get; }
    public Proposal Proposal { get; }
    public EdgeMetrics? Metrics { get; }
    public KpiResult Kpi { get; }
    public TuningState State { get; }
    public GuardPolicy Guards { get; }
    public ParameterCatalog Catalog { get; }

    /// <summary>Looks up a profile's resolved values (the panic target).</summary>
    public Func<string, ParameterSet> ProfileValues { get; }

    /// <summary>Set by the panic guard: the whole parameter set to write instead of any proposal.</summary>
    public ParameterSet? Replacement { get; set; }

    public List<GuardEvent> Events { get; } = new();

    /// <summary>Which guards were active or acted this iteration (TUNING_REPORT "guards").</summary>
    public SortedDictionary<string, bool> Active { get; } = new(StringComparer.Ordinal)
    {
        ["freeze"] = false, ["cooldown"] = false, ["velocity"] = false, ["oscillation"] = false, ["panic"] = false,
    };

    public IEnumerable<Candidate> Pending => _candidates.Values.Where(c => c.Status is null);

    public IEnumerable<Candidate> Candidates => _candidates.Values;

    public static void Settle(Candidate candidate, ParameterStatus status)
    {
        candidate.Status ??= status;
    }

    public void SettleAll(ParameterStatus status)
    {
        foreach (var candidate in Pending.ToList())
        {
            Settle(candidate, status);
        }
    }

    public void Warn(string guard, string code, string message) => Events.Add(new GuardEvent(guard, code, message, IsWarning: true));

    public void Note(string guard, string code, string message) => Events.Add(new GuardEvent(guard, code, message, IsWarning: false));

    /// <summary>A proposed change still under consideration: its current value, delta and bounded, rounded candidate value.</summary>
    public sealed class Candidate
    {
        public Candidate(string parameter, decimal old, decimal delta, decimal proposedNew, bool hitBound)
        {
            Parameter = parameter;
            Old = old;
            Delta = delta;
            New = proposedNew;
            HitBound = hitBound;
        }

        public string Parameter { get; }
        public decimal Old { get; }
        public decimal Delta { get; }
        public decimal New { get; }
        public bool HitBound { get; }
        public ParameterStatus? Status { get; set; }

        public decimal Change => New - Old;

        public ParameterOutcome ToOutcome() => new(Parameter, Old, Delta, Status == ParameterStatus.Applied ? New : Old, Status ?? ParameterStatus.NoEffectiveChange, HitBound);
    }
}
