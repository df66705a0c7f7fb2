namespace SoakPS.Engine.Sources.Simulation;

/// <summary>
/// One symbol's market making over one window of market time, event by event (docs/simulator.md). The market
/// (Merton mid, Poisson order flow, informed traders, jumps) is drawn from its own stream in an order that never
/// depends on the bot, so two parameter sets on one seed meet the same market; the bot reacts to book updates
/// under its throttles, inventory limit and hedging rule. The instance reuses its buffers: one per thread.
/// </summary>
internal sealed class MarketSimulator
{
    private const double BpsToUsd = 1e-4;
    private const long MarketStreamTag = 0x4D41_524B;
    private const long WindowStreamTag = 0x5749_4E44;

    private readonly MarketModel _model;
    private readonly QuantileHistogram _adverse = new(-50, 150, 4000);
    private readonly QuantileHistogram _slippage = new(0, 100, 2000);
    private readonly QuantileHistogram _age = new(0, 30_000, 6000);

    public MarketSimulator(MarketModel model) => _model = model;

    public MarketModel Model => _model;

    /// <param name="cancellationToken">Looked at every 65,536 events (milliseconds apart), so a day-long window stops promptly.</param>
    public WindowResult Run(int seed, int iteration, MarketRegime regime, QuoteSettings bot, TimeSpan window, CancellationToken cancellationToken = default)
    {
        _adverse.Clear();
        _slippage.Clear();
        _age.Clear();
        var r = _model.For(regime);
        var windowRng = SplitMix64.For(seed ^ WindowStreamTag, iteration);
        // Depth, latency and feed lag vary per window around the regime's level; drawn before the market stream starts.
        var depth = r.DepthUsd * Math.Exp(0.2 * (windowRng.NextDouble() - 0.5));
        var latency = r.LatencyP95Ms * (0.9 + 0.2 * windowRng.NextDouble());
        var wsLag = r.WsLagP95Ms * (0.9 + 0.2 * windowRng.NextDouble());
        var rng = SplitMix64.For(seed ^ MarketStreamTag, iteration);
        double spare = 0;
        var hasSpare = false;

        var horizon = window.TotalSeconds;
        var sigma = r.VolatilityBpsPerSqrtSecond;
        var rateMd = r.MarketDataPerSecond;
        var rateSell = r.UninformedOrdersPerSecond;
        var rateBuy = r.UninformedOrdersPerSecond;
        var rateInformed = r.InformedOrdersPerSecond;
        var rateJump = r.JumpsPerMinute / 60.0;
        var total = rateMd + rateSell + rateBuy + rateInformed + rateJump;
        var c1 = rateMd / total;
        var c2 = (rateMd + rateSell) / total;
        var c3 = (rateMd + rateSell + rateBuy) / total;
        var c4 = (rateMd + rateSell + rateBuy + rateInformed) / total;
        var k = _model.FillDecayPerBps;

        var halfSpread = _model.BaseHalfSpreadBps + bot.SpreadDeltaBps;
        var makerFee = _model.MakerFeeBps;
        var hitProbability = Math.Exp(-k * halfSpread);
        var size = bot.ImpactCapRatio * depth;
        var minInterval = bot.MinIntervalMs / 1000.0;
        var tailAge = bot.TailAgeMs / 1000.0;
        var refill = bot.ReplaceRatePerMin / 60.0;
        var bucket = refill * _model.ReplaceBurstSeconds;
        var tokens = bucket;
        var baseLimit = bot.MaxDeltaRatio * _model.InventoryCapacityUsd;
        var refVar = _model.ReferenceVolatilityBpsPerSqrtSecond * _model.ReferenceVolatilityBpsPerSqrtSecond;
        var volTau = _model.VolatilityHalfLifeSeconds / Math.Log(2);

        double t = 0, lastEventAt = 0, mid = 0, inventory = 0, peak = 0;
        double quoteMid = 0, quotedAt = 0, placedAt = double.NegativeInfinity, tokensAt = 0;
        bool bidLive = false, askLive = false, bidFilled = false, askFilled = false, quoted = false;
        double volEstimate = refVar, lastMdMid = 0, lastMdAt = 0, limit = baseLimit;
        long events = 0, fills = 0, informedFills = 0, attempts = 0, minBlocks = 0, throttleBlocks = 0, riskBlocks = 0;
        long sidesPlaced = 0, cancels = 0;
        double ageSumMs = 0;
        long ages = 0;
        double volume = 0, gross = 0, adverse = 0, inventoryPnl = 0, fees = 0;
        var hedgeCosts = default(HedgeCosts);

        while (true)
        {
            t += RandomDraws.Exponential(ref rng) / total;
            if (t >= horizon) break;
            if ((++events & 0xFFFF) == 0) cancellationToken.ThrowIfCancellationRequested();
            var dt = t - lastEventAt;
            lastEventAt = t;
            var move = sigma * Math.Sqrt(dt) * RandomDraws.Gaussian(ref rng, ref spare, ref hasSpare);
            mid += move;
            inventoryPnl += inventory * move;
            var u = rng.NextDouble();
            double fillAmount = 0, fillAdverseBps = 0;
            var fillBid = false;

            if (u < c1)
            {
                // A book update: the bot sees the market, estimates volatility, hedges if it must, requotes if it wants to.
                var elapsed = t - lastMdAt;
                if (elapsed > 0)
                {
                    var change = mid - lastMdMid;
                    // Weight of the old estimate, τ/(τ + Δt): an exponential forgetting of time constant τ for Δt ≪ τ, without exp().
                    var w = volTau / (volTau + elapsed);
                    volEstimate = w * volEstimate + (1 - w) * (change * change / elapsed);
                }
                lastMdAt = t;
                lastMdMid = mid;
                limit = baseLimit * Math.Min(1.0, Math.Sqrt(refVar / volEstimate));

                if (Math.Abs(inventory) > _model.HedgeTriggerShare * limit)
                {
                    var amount = Math.Abs(inventory) - _model.HedgeTargetShare * limit;
                    Hedge(amount, r, depth, ref hedgeCosts);
                    inventory -= Math.Sign(inventory) * amount;
                }

                var wants = !quoted || bidFilled || askFilled || Math.Abs(mid - quoteMid) >= _model.RequoteMoveBps || t - quotedAt >= tailAge;
                if (!wants) continue;
                attempts++;
                // The pre-trade risk check comes first: a side whose fill would breach the limit is withheld (a risk block).
                var bidAllowed = inventory + size <= limit;
                var askAllowed = inventory - size >= -limit;
                if (!bidAllowed || !askAllowed) riskBlocks++;
                if (t - placedAt < minInterval)
                {
                    minBlocks++;
                    continue;
                }
                tokens = Math.Min(bucket, tokens + (t - tokensAt) * refill);
                tokensAt = t;
                if (tokens < 1)
                {
                    throttleBlocks++;
                    continue;
                }
                tokens -= 1;
                if (bidLive) { cancels++; Age(_age, ref ageSumMs, ref ages, (t - quotedAt) * 1000); }
                if (askLive) { cancels++; Age(_age, ref ageSumMs, ref ages, (t - quotedAt) * 1000); }
                quoted = true;
                quoteMid = mid;
                quotedAt = t;
                placedAt = t;
                bidFilled = askFilled = false;
                bidLive = bidAllowed;
                askLive = askAllowed;
                sidesPlaced += (bidLive ? 1 : 0) + (askLive ? 1 : 0);
            }
            else if (u < c3)
            {
                // An uninformed market order reaching Exp(k) bps into the quotes it sees: our quote, δ from its mid, is hit
                // with probability e^(−kδ). It knows nothing of the mid's move since, so its fills carry no selection.
                // Reach R = −ln(U)/k ≥ δ  ⇔  U ≤ e^(−kδ): the same draw, without a logarithm per order.
                var reachDraw = RandomDraws.OpenUniform(ref rng);
                var sizeDraw = RandomDraws.OpenUniform(ref rng);
                var sell = u < c2;
                if ((sell ? bidLive : askLive) && reachDraw <= hitProbability)
                {
                    fillBid = sell;
                    fillAmount = Math.Min(size, -Math.Log(sizeDraw) * r.UninformedOrderUsd);
                    fillAdverseBps = sell ? quoteMid - mid : mid - quoteMid;
                }
            }
            else if (u < c4)
            {
                // An informed trader knows the next move I; it trades with us when our stale quote is through mid + I, then I is revealed.
                var info = r.InformationSizeBps * RandomDraws.Gaussian(ref rng, ref spare, ref hasSpare);
                var orderUsd = RandomDraws.Exponential(ref rng) * r.InformedOrderUsd;
                var sell = info < 0;
                var gain = sell ? (quoteMid - halfSpread) - (mid + info) : (mid + info) - (quoteMid + halfSpread);
                var inventoryBefore = inventory;
                if (gain > 0 && (sell ? bidLive : askLive))
                {
                    fillBid = sell;
                    fillAmount = Math.Min(size, orderUsd);
                    fillAdverseBps = (sell ? quoteMid - mid : mid - quoteMid) + Math.Abs(info);
                    informedFills++;
                }
                mid += info;
                inventoryPnl += inventoryBefore * info;
            }
            else
            {
                var jump = r.JumpSizeBps * RandomDraws.Gaussian(ref rng, ref spare, ref hasSpare);
                mid += jump;
                inventoryPnl += inventory * jump;
            }

            if (fillAmount > 0)
            {
                // A maker fill of one quote side (the smaller of our size and the order): the spread is earned against the
                // quote's mid, the mid's move since then plus any revealed information is adverse selection, and the side is
                // gone until the next requote.
                fills++;
                volume += fillAmount;
                gross += fillAmount * halfSpread;
                adverse += fillAmount * fillAdverseBps;
                fees += fillAmount * makerFee;
                _adverse.Add(fillAdverseBps);
                Age(_age, ref ageSumMs, ref ages, (t - quotedAt) * 1000);
                if (fillBid) { inventory += fillAmount; bidLive = false; bidFilled = true; }
                else { inventory -= fillAmount; askLive = false; askFilled = true; }
                peak = Math.Max(peak, Math.Abs(inventory));
            }
        }

        if (bidLive) Age(_age, ref ageSumMs, ref ages, (horizon - quotedAt) * 1000);
        if (askLive) Age(_age, ref ageSumMs, ref ages, (horizon - quotedAt) * 1000);
        if (inventory != 0)
        {
            // The window ends flat: what is left is hedged, so every window stands alone.
            Hedge(Math.Abs(inventory), r, depth, ref hedgeCosts);
        }

        return new WindowResult
        {
            Regime = regime,
            Events = events,
            Fills = fills,
            InformedFills = informedFills,
            QuoteAttempts = attempts,
            MinIntervalBlocks = minBlocks,
            ThrottleBlocks = throttleBlocks,
            RiskBlocks = riskBlocks,
            SidesPlaced = sidesPlaced,
            Cancels = cancels,
            Hedges = hedgeCosts.Count,
            VolumeUsd = volume,
            HedgeVolumeUsd = hedgeCosts.VolumeUsd,
            GrossUsd = gross * BpsToUsd,
            AdverseUsd = adverse * BpsToUsd,
            InventoryUsd = inventoryPnl * BpsToUsd,
            SlippageUsd = hedgeCosts.SlippageBpsUsd * BpsToUsd,
            FeesUsd = (fees + hedgeCosts.FeesBpsUsd) * BpsToUsd,
            InventoryPeakUsd = peak,
            AdverseBpsP95 = _adverse.Quantile(0.95),
            SlippageBpsP95 = _slippage.Quantile(0.95),
            OrderAgeP95Ms = _age.Quantile(0.95),
            OrderAgeMeanMs = ages > 0 ? ageSumMs / ages : 0,
            LatencyP95Ms = latency,
            WsLagP95Ms = wsLag,
        };
    }

    /// <summary>The age of a quote side when it ends (filled, replaced, or at the window's end).</summary>
    private static void Age(QuantileHistogram histogram, ref double sumMs, ref long count, double ms)
    {
        histogram.Add(ms);
        sumMs += ms;
        count++;
    }

    /// <summary>A taker order that cuts inventory: it crosses the market's half-spread and moves the price by its share of the depth.</summary>
    private void Hedge(double amount, RegimeModel r, double depth, ref HedgeCosts costs)
    {
        var costBps = r.MarketHalfSpreadBps + _model.HedgeImpactBpsPerDepth * amount / depth;
        costs.SlippageBpsUsd += amount * costBps;
        costs.FeesBpsUsd += amount * _model.TakerFeeBps;
        costs.VolumeUsd += amount;
        costs.Count++;
        _slippage.Add(costBps);
    }

    private struct HedgeCosts
    {
        public double SlippageBpsUsd;
        public double FeesBpsUsd;
        public double VolumeUsd;
        public long Count;
    }
}
