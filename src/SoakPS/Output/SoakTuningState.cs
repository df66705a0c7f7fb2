using SoakPS.Engine.Guards;
using SoakPS.Engine.History;
using SoakPS.Engine.Json;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Output;

/// <summary>The guard state of the current or most recent run: what is frozen, cooling down, paused or held, and why.</summary>
public sealed class SoakTuningState
{
    internal SoakTuningState(TuningStateView view, GuardPolicy policy)
    {
        var s = view.State;
        RunId = view.Run.RunId;
        RunStatus = view.Run.Status;
        Iteration = s.Iteration;
        FreezeActive = view.FreezeActive;
        FrozenUntil = s.FrozenUntil > 0 ? s.FrozenUntil : null;
        CooldownActive = view.CooldownActive;
        CooldownUntil = s.CooldownUntil > 0 ? s.CooldownUntil : null;
        Paused = view.Paused;
        PausedUntil = s.PausedUntil > 0 ? s.PausedUntil : null;
        PanicStreak = s.PanicStreak;
        FreezeStreak = s.FreezeStreak;
        var held = s.Holds.Where(h => h.Value >= view.NextIteration).Select(h => $"{h.Key} until {h.Value}").ToList();
        HeldParameters = string.Join("; ", held);
        HeldCount = held.Count;
        VelocityBudget = string.Join("; ", policy.VelocityLimits.OrderBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => $"{l.Key} {JsonNumbers.Format(l.Value - view.VelocityUsed(l.Key, policy))} of {JsonNumbers.Format(l.Value)} left"));
        LastGoodIteration = s.LastGood?.Iteration;
        LastAppliedIteration = s.LastAppliedIteration > 0 ? s.LastAppliedIteration : null;
        Applies = Counter(s, "applies");
        PanicReverts = Counter(s, "panic_reverts");
        FreezesEntered = Counter(s, "freezes_entered");
        StateRestores = Counter(s, "state_restores");
        ExternalChanges = Counter(s, "external_changes");
        RebuiltFromJournal = view.RebuiltFromJournal;
    }

    public string RunId { get; }
    public string RunStatus { get; }
    public int Iteration { get; }
    public bool FreezeActive { get; }
    public int? FrozenUntil { get; }
    public bool CooldownActive { get; }
    public int? CooldownUntil { get; }
    public bool Paused { get; }
    public int? PausedUntil { get; }
    public int PanicStreak { get; }
    public int FreezeStreak { get; }
    public string HeldParameters { get; }

    /// <summary>How many parameters are held; the table shows this, HeldParameters has the detail.</summary>
    public int HeldCount { get; }
    public string VelocityBudget { get; }
    public int? LastGoodIteration { get; }
    public int? LastAppliedIteration { get; }
    public int Applies { get; }
    public int PanicReverts { get; }
    public int FreezesEntered { get; }
    public int StateRestores { get; }
    public int ExternalChanges { get; }

    /// <summary>True when TUNING_STATE.json was missing or invalid and this was rebuilt from the journal.</summary>
    public bool RebuiltFromJournal { get; }

    private static int Counter(TuningState s, string name) => s.Counters.TryGetValue(name, out var c) ? c : 0;
}

/// <summary>One parameter's guard state (Get-SoakTuningState -ByParameter).</summary>
public sealed class SoakParameterGuardState
{
    internal SoakParameterGuardState(TuningStateView view, GuardPolicy policy, string parameter, decimal? value)
    {
        RunId = view.Run.RunId;
        Parameter = parameter;
        // Decimals keep the scale they were written with (a profile's 72.00): an integer shows as 72, not 72.00.
        Value = value is { } v ? JsonNumbers.Normalize(v) : null;
        Frozen = view.FreezeActive && policy.FreezeParameters.Contains(parameter);
        HeldUntil = view.State.Holds.TryGetValue(parameter, out var h) && h >= view.NextIteration ? h : null;
        VelocityLimit = policy.VelocityLimits.TryGetValue(parameter, out var l) ? JsonNumbers.Normalize(l) : null;
        VelocityUsed = JsonNumbers.Normalize(view.VelocityUsed(parameter, policy));
        VelocityLeft = VelocityLimit is { } limit ? JsonNumbers.Normalize(limit - VelocityUsed) : null;
    }

    public string RunId { get; }
    public string Parameter { get; }
    public decimal? Value { get; }
    public bool Frozen { get; }
    public int? HeldUntil { get; }
    public decimal VelocityUsed { get; }
    public decimal? VelocityLimit { get; }
    public decimal? VelocityLeft { get; }
}
