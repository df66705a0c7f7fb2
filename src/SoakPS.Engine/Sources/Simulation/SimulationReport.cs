using System.Text.Json;
using System.Text.Json.Nodes;
using SoakPS.Engine.EdgeReports;
using SoakPS.Engine.Records;

namespace SoakPS.Engine.Sources.Simulation;

/// <summary>
/// Turns a simulated window into a bot's edge report: the shape <see cref="EdgeReportWriter"/> writes (so the same
/// reader takes it), with every bps figure per USD of maker volume, plus the raw counts behind the ratios.
/// </summary>
internal static class SimulationReport
{
    /// <summary>Raw counts added under "totals", next to the metrics they explain.</summary>
    public static readonly string[] CountNames = { "fills", "quote_attempts", "requotes_blocked", "risk_blocks", "order_age_mean_ms" };

    public static EdgeMetrics Metrics(WindowResult w)
    {
        double Bps(double usd) => w.VolumeUsd > 0 ? usd / w.VolumeUsd * 1e4 : 0;
        double Ratio(long part, long whole) => whole > 0 ? (double)part / whole : 0;
        var gross = Bps(w.GrossUsd);
        var adverse = Bps(w.AdverseUsd);
        var inventory = Bps(w.InventoryUsd);
        var slippage = Bps(w.SlippageUsd);
        var fees = Bps(w.FeesUsd);
        var makerShare = w.VolumeUsd + w.HedgeVolumeUsd > 0 ? 100 * w.VolumeUsd / (w.VolumeUsd + w.HedgeVolumeUsd) : 100;
        var drivers = new List<string>();
        if (adverse > gross / 2) drivers.Add("adverse_bps");
        if (slippage > 2.5) drivers.Add("slippage_bps");
        if (inventory < -1) drivers.Add("inventory_bps");
        return new EdgeMetrics
        {
            NetBps = gross - adverse + inventory - slippage - fees,
            GrossBps = gross,
            FeesEffBps = fees,
            SlippageBps = slippage,
            AdverseBps = adverse,
            InventoryBps = inventory,
            AdverseBpsP95 = Math.Max(0, w.AdverseBpsP95),
            SlippageBpsP95 = w.SlippageBpsP95,
            OrderAgeP95Ms = w.OrderAgeP95Ms,
            WsLagP95Ms = w.WsLagP95Ms,
            P95LatencyMs = w.LatencyP95Ms,
            CancelRatio = Ratio(w.Cancels, w.SidesPlaced),
            MakerSharePct = makerShare,
            MakerTakerRatio = Math.Min(1000, makerShare / Math.Max(0.1, 100 - makerShare)),
            RiskRatio = Ratio(w.RiskBlocks, w.QuoteAttempts),
            MinIntervalRatio = Ratio(w.MinIntervalBlocks, w.QuoteAttempts),
            ConcurrencyRatio = 0,
            ThrottleRatio = Ratio(w.ThrottleBlocks, w.QuoteAttempts),
            NetUsd = w.NetUsd,
            VolumeUsd = w.VolumeUsd,
            NegEdgeDrivers = drivers,
        };
    }

    public static string Write(WindowResult w)
    {
        var counts = new Dictionary<string, int>
        {
            ["min_interval"] = Clamp(w.MinIntervalBlocks), ["concurrency"] = 0, ["risk"] = Clamp(w.RiskBlocks), ["throttle"] = Clamp(w.ThrottleBlocks),
        };
        var regime = w.Regime.ToString().ToLowerInvariant();
        var report = JsonNode.Parse(EdgeReportWriter.Write(Metrics(w), counts, regime))!.AsObject();
        var totals = report["totals"]!.AsObject();
        totals["fills"] = w.Fills;
        totals["quote_attempts"] = w.QuoteAttempts;
        totals["requotes_blocked"] = w.RequotesBlocked;
        totals["risk_blocks"] = w.RiskBlocks;
        totals["order_age_mean_ms"] = Math.Round(w.OrderAgeMeanMs, 3);
        report["simulation"] = new JsonObject
        {
            ["events"] = w.Events,
            ["informed_fills"] = w.InformedFills,
            ["hedges"] = w.Hedges,
            ["hedge_volume_usd"] = Math.Round(w.HedgeVolumeUsd, 2),
            ["inventory_peak_usd"] = Math.Round(w.InventoryPeakUsd, 2),
        };
        return report.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static int Clamp(long count) => (int)Math.Min(int.MaxValue, count);
}
