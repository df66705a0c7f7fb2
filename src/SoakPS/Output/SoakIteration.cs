using System.Globalization;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Json;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;

namespace SoakPS.Output;

/// <summary>
/// One completed iteration, as Start-SoakRun streams it and Get-SoakIteration reads it back. Flat scalars only,
/// so Export-Csv gives one useful column per property.
/// </summary>
public sealed class SoakIteration
{
    private SoakIteration(IterationSummary s, string artifactPath)
    {
        ArtifactPath = artifactPath;
        RunId = s.RunId;
        Iteration = s.Iteration;
        Timestamp = s.Timestamp.ToUniversalTime();
        Source = s.Source;
        Profile = s.Profile;
        Regime = s.Regime;
        Status = s.Status;
        Verdict = s.Kpi.Verdict.ToString();
        KpiReasons = string.Join("; ", s.Kpi.Reasons);
        NetBps = s.Summary.NetBps;
        GrossBps = s.Summary.GrossBps;
        FeesEffBps = s.Summary.FeesEffBps;
        SlippageBps = s.Summary.SlippageBps;
        AdverseBps = s.Summary.AdverseBps;
        InventoryBps = s.Summary.InventoryBps;
        AdverseBpsP95 = s.Summary.AdverseBpsP95;
        SlippageBpsP95 = s.Summary.SlippageBpsP95;
        OrderAgeP95Ms = s.Summary.OrderAgeP95Ms;
        WsLagP95Ms = s.Summary.WsLagP95Ms;
        P95LatencyMs = s.Summary.P95LatencyMs;
        CancelRatio = s.Summary.CancelRatio;
        MakerSharePct = s.Summary.MakerSharePct;
        MakerTakerRatio = s.Summary.MakerTakerRatio;
        RiskRatio = s.Summary.RiskRatio;
        MinIntervalRatio = s.Summary.MinIntervalRatio;
        ConcurrencyRatio = s.Summary.ConcurrencyRatio;
        ThrottleRatio = s.Summary.ThrottleRatio;
        NetUsd = s.Summary.NetUsd;
        VolumeUsd = s.Summary.VolumeUsd;
        NegEdgeDrivers = string.Join(", ", s.Summary.NegEdgeDrivers);
        Applied = s.Tuning.Applied;
        // From what was written (deltas on the final values), so a panic revert shows as a change too.
        var changes = s.Tuning.Deltas.Where(d => s.Tuning.Overrides.ContainsKey(d.Key)).Select(d =>
            $"{d.Key} {JsonNumbers.Format(s.Tuning.Overrides[d.Key] - d.Value)}→{JsonNumbers.Format(s.Tuning.Overrides[d.Key])}").ToList();
        Changes = string.Join("; ", changes);
        ChangeCount = changes.Count;
        var blocked = s.Tuning.Outcomes.Values
            .Where(o => o.Status is not (ParameterStatus.Applied or ParameterStatus.NoEffectiveChange))
            .Select(o => $"{o.Parameter}: {SnakeCase.Of(o.Status)}").ToList();
        Blocked = string.Join("; ", blocked);
        BlockedCount = blocked.Count;
        SkipReason = s.Tuning.SkipReason;
        Rationale = s.Tuning.Rationale;
        Events = string.Join("; ", s.Tuning.Events.Select(e => e.Message));
        EventCount = s.Tuning.Events.Count;
        StateHash = s.Tuning.StateHash;
        BaseSpreadBpsDelta = Value(s, "base_spread_bps_delta");
        ImpactCapRatio = Value(s, "impact_cap_ratio");
        MaxDeltaRatio = Value(s, "max_delta_ratio");
        MinIntervalMs = Value(s, "min_interval_ms");
        ReplaceRatePerMin = Value(s, "replace_rate_per_min");
        TailAgeMs = Value(s, "tail_age_ms");
    }

    /// <param name="artifactPath">The artifact root the iteration was read from, so a piped object acts on its own folder.</param>
    internal static SoakIteration From(IterationSummary summary, string artifactPath) => new(summary, artifactPath);

    /// <summary>The artifact root this iteration belongs to; Undo-SoakTuning binds it by property name.</summary>
    public string ArtifactPath { get; }

    public string RunId { get; }
    public int Iteration { get; }
    /// <summary>
    /// When the iteration started, in UTC: a date, so Where-Object Timestamp -gt (Get-Date).AddDays(-1) compares times;
    /// Export-Csv writes it, with its +00:00 offset, in the session's culture as it writes every date.
    /// </summary>
    public DateTimeOffset Timestamp { get; }
    public string Source { get; }
    public string? Profile { get; }
    public string? Regime { get; }
    public string Status { get; }
    public string Verdict { get; }
    public string KpiReasons { get; }
    public double? NetBps { get; }
    public double? GrossBps { get; }
    public double? FeesEffBps { get; }
    public double? SlippageBps { get; }
    public double? AdverseBps { get; }
    public double? InventoryBps { get; }
    public double? AdverseBpsP95 { get; }
    public double? SlippageBpsP95 { get; }
    public double? OrderAgeP95Ms { get; }
    public double? WsLagP95Ms { get; }
    public double? P95LatencyMs { get; }
    public double? CancelRatio { get; }
    public double? MakerSharePct { get; }
    public double? MakerTakerRatio { get; }
    public double? RiskRatio { get; }
    public double? MinIntervalRatio { get; }
    public double? ConcurrencyRatio { get; }
    public double? ThrottleRatio { get; }

    /// <summary>The window's profit in USD (net_usd), when the source reports it.</summary>
    public double? NetUsd { get; }

    /// <summary>The window's maker volume in USD (volume_usd), when the source reports it.</summary>
    public double? VolumeUsd { get; }
    public string NegEdgeDrivers { get; }

    /// <summary>True when this iteration changed runtime_overrides.json.</summary>
    public bool Applied { get; }

    /// <summary>What changed, e.g. "min_interval_ms 70→75; tail_age_ms 650→680".</summary>
    public string Changes { get; }

    /// <summary>How many parameters changed; the table shows this, Changes has the detail.</summary>
    public int ChangeCount { get; }

    /// <summary>What the guards blocked, e.g. "impact_cap_ratio: frozen".</summary>
    public string Blocked { get; }

    /// <summary>How many parameter changes the guards blocked; the table shows this, Blocked has the detail.</summary>
    public int BlockedCount { get; }

    public string? SkipReason { get; }
    public string Rationale { get; }
    public string Events { get; }

    /// <summary>How many guard events (warnings and notes) the iteration had; Events has their messages.</summary>
    public int EventCount { get; }
    public string StateHash { get; }

    /// <summary>The parameter values in force after this iteration.</summary>
    public decimal? BaseSpreadBpsDelta { get; }
    public decimal? ImpactCapRatio { get; }
    public decimal? MaxDeltaRatio { get; }
    public decimal? MinIntervalMs { get; }
    public decimal? ReplaceRatePerMin { get; }
    public decimal? TailAgeMs { get; }

    private static decimal? Value(IterationSummary s, string name) => s.Tuning.Overrides.TryGetValue(name, out var v) ? v : null;
}
