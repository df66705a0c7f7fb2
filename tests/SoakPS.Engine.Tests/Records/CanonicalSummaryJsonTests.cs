using System.Text;
using System.Text.Json;
using CsCheck;
using SoakPS.Engine.Files;
using SoakPS.Engine.Guards;
using SoakPS.Engine.Json;
using SoakPS.Engine.Records;
using SoakPS.Engine.Runs;
using Verdict = SoakPS.Engine.Records.Verdict;

namespace SoakPS.Engine.Tests.Runs;

/// <summary>
/// The one-pass summary reader accepts what the runner writes and gives the contract's values for it; for anything
/// else it declines, so what users see (values and error messages) is the contract's.
/// </summary>
public class CanonicalSummaryJsonTests
{
    [Fact]
    public void Every_summary_a_run_writes_is_read_in_one_pass_with_the_contracts_values()
    {
        using var h = new RunHarness();
        var reports = new[] { ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.RiskHigh, ReportTexts.Calm, "{ not json", ReportTexts.Make(net: 2.8, risk: 0.45, adverse: 4.0), ReportTexts.Stable };
        h.Run(h.Options(new ListSource(reports), reports.Length));

        var files = IterationFiles.List(h.Layout.Latest).Select(f => File.ReadAllBytes(f.Path)).ToList();

        Assert.Equal(reports.Length, files.Count);
        foreach (var utf8 in files)
        {
            var fast = CanonicalSummaryJson.TryRead(utf8);
            Assert.NotNull(fast);
            Assert.Equal(Encoding.UTF8.GetString(utf8), SoakJson.Serialize(fast));
            Assert.Equal(SoakJson.Serialize(SummaryJson.ReadByContract(utf8)), SoakJson.Serialize(fast));
        }
        var all = files.Select(f => CanonicalSummaryJson.TryRead(f)!).ToList();
        Assert.Contains(all, s => s.Tuning.Events.Count > 0 && s.Tuning.Outcomes.Count > 0);
        Assert.Contains(all, s => s.Kpi.Verdict == Verdict.INVALID);
    }

    [Fact]
    public void Any_summary_round_trips_through_the_one_pass_reader_as_through_the_contract()
    {
        Summaries.Sample(summary =>
        {
            var utf8 = SoakJson.SerializeToUtf8Bytes(summary);
            var fast = CanonicalSummaryJson.TryRead(utf8);
            return fast is not null
                && SoakJson.Serialize(fast) == Encoding.UTF8.GetString(utf8)
                && SoakJson.Serialize(fast) == SoakJson.Serialize(SummaryJson.ReadByContract(utf8));
        }, iter: 300);
    }

    [Fact]
    public void Keys_read_back_in_ordinal_order_as_the_runner_wrote_them_whichever_reader_reads_the_file()
    {
        var summary = new IterationSummary();
        foreach (var key in new[] { "b_x", "B", "a", "_z", "Z" })
        {
            summary.Tuning.Overrides[key] = 1m;
            summary.Tuning.Guards[key] = true;
        }
        var canonical = SoakJson.Serialize(summary);
        // An extra property leaves the file to the contract.
        var other = canonical.Replace("\"iteration\": 0,", "\"iteration\": 0, \"note\": 1,");

        var fast = CanonicalSummaryJson.TryRead(Encoding.UTF8.GetBytes(canonical));
        var contract = SummaryJson.Read(Encoding.UTF8.GetBytes(other));

        Assert.Null(CanonicalSummaryJson.TryRead(Encoding.UTF8.GetBytes(other)));
        foreach (var read in new[] { fast!, contract })
        {
            Assert.Same(StringComparer.Ordinal, read.Tuning.Overrides.Comparer);
            Assert.Same(StringComparer.Ordinal, read.Tuning.Guards.Comparer);
            Assert.Same(StringComparer.Ordinal, read.Tuning.Outcomes.Comparer);
            Assert.Equal(new[] { "B", "Z", "_z", "a", "b_x" }, read.Tuning.Overrides.Keys);
        }
    }

    public static TheoryData<string, string, string> Variants => new()
    {
        { "iteration as a string", "\"iteration\": 7,", "\"iteration\": \"7\"," },
        { "iteration with a fraction", "\"iteration\": 7,", "\"iteration\": 7.5," },
        { "iteration null", "\"iteration\": 7,", "\"iteration\": null," },
        { "iteration beyond int", "\"iteration\": 7,", "\"iteration\": 99999999999," },
        { "override as a string", "\"tail_age_ms\": 680", "\"tail_age_ms\": \"680\"" },
        { "override null", "\"tail_age_ms\": 680", "\"tail_age_ms\": null" },
        { "metric beyond double", "\"net_bps\": 1", "\"net_bps\": 1e400" },
        { "metric as a string", "\"net_bps\": 1", "\"net_bps\": \"1\"" },
        { "verdict in lower case", "\"verdict\": \"WARN\"", "\"verdict\": \"warn\"" },
        { "verdict as a number", "\"verdict\": \"WARN\"", "\"verdict\": 1" },
        { "verdict unknown", "\"verdict\": \"WARN\"", "\"verdict\": \"MAYBE\"" },
        { "status in upper case", "\"status\": \"frozen\"", "\"status\": \"FROZEN\"" },
        { "changed not a bool", "\"changed\": false", "\"changed\": \"no\"" },
        { "unknown property", "\"source\": \"list\",", "\"source\": \"list\", \"extra\": [1, {\"a\": 2}]," },
        { "repeated property", "\"source\": \"list\",", "\"source\": \"list\", \"source\": \"other\"," },
        { "missing property", "\"profile\": null,", "" },
        { "properties reordered", "\"source\": \"list\",\n  \"profile\": null,", "\"profile\": null,\n  \"source\": \"list\"," },
        { "repeated key", "\"tail_age_ms\": 680", "\"tail_age_ms\": 680, \"tail_age_ms\": 681" },
        { "escaped property name", "\"iteration\": 7,", "\"\\u0069teration\": 7," },
        { "escaped value", "\"source\": \"list\",", "\"source\": \"l\\u0069st \\u00e9\\n\"," },
        { "run id null", "\"run_id\": \"", "\"run_id\": null, \"x\": \"" },
        { "drivers null", "\"neg_edge_drivers\": []", "\"neg_edge_drivers\": null" },
        { "events null", "\"events\": [", "\"events\": null, \"x\": [" },
        { "summary null", "\"summary\": {", "\"summary\": null, \"x\": {" },
        { "timestamp as a date", "\"timestamp\": \"2026-12-01T00:00:07+00:00\"", "\"timestamp\": \"2026-12-01\"" },
        { "timestamp with an offset", "\"timestamp\": \"2026-12-01T00:00:07+00:00\"", "\"timestamp\": \"2026-12-01T01:00:07.5+01:00\"" },
        { "timestamp not a time", "\"timestamp\": \"", "\"timestamp\": \"not a time\", \"x\": \"" },
        { "comment", "\"source\": \"list\",", "\"source\": \"list\", /* note */" },
        { "trailing comma", "\"not_evaluated\": []", "\"not_evaluated\": []," },
        { "content after the document", "\"not_evaluated\": []\n  }\n}", "\"not_evaluated\": []\n  }\n} {}" },
        { "value missing", "\"kpi\": {", "\"kpi\": {\"verdict\": " },
        { "array document", "{\n  \"iteration\": 7,", "[{\n  \"iteration\": 7," },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void A_file_in_another_shape_is_left_to_the_contract_so_values_and_errors_stay_the_contracts(string variant, string find, string replace)
    {
        var text = CanonicalText();
        Assert.Contains(find, text);
        var utf8 = Encoding.UTF8.GetBytes(ReplaceFirst(text, find, replace));

        var fast = CanonicalSummaryJson.TryRead(utf8);
        var contract = Outcome(() => SummaryJson.ReadByContract(utf8));

        Assert.True(fast is null || Json(fast) == contract, $"{variant}: the one-pass reader accepted it and read something else");
        Assert.Equal(contract, Outcome(() => SummaryJson.Read(utf8)));
        if (variant is not ("escaped property name" or "escaped value" or "metric beyond double" or "timestamp as a date" or "timestamp with an offset"))
        {
            Assert.Null(fast);
        }
    }

    [Fact]
    public void A_value_of_the_wrong_type_is_reported_with_the_contracts_message_naming_its_path()
    {
        var utf8 = Encoding.UTF8.GetBytes(CanonicalText().Replace("\"tail_age_ms\": 680", "\"tail_age_ms\": \"680\""));

        var error = Assert.ThrowsAny<JsonException>(() => SummaryJson.Read(utf8));

        Assert.Equal("$.tuning.overrides.tail_age_ms", error.Path);
        Assert.Contains("System.Decimal", error.Message);
    }

    [Fact]
    public void Invalid_utf8_in_a_value_is_left_to_the_contract()
    {
        var text = CanonicalText();
        var utf8 = Encoding.UTF8.GetBytes(text);
        var at = text.IndexOf("\"list\"", StringComparison.Ordinal) + 2;
        utf8[at] = 0xC3;
        utf8[at + 1] = 0x28;

        Assert.Null(CanonicalSummaryJson.TryRead(utf8));
        Assert.Equal(Outcome(() => SummaryJson.ReadByContract(utf8)), Outcome(() => SummaryJson.Read(utf8)));
    }

    /// <summary>A summary as the runner writes it, with every kind of value: an outcome, an event, a KPI reason, metrics.</summary>
    private static string CanonicalText()
    {
        var summary = new IterationSummary
        {
            Iteration = 7,
            RunId = "20261201T000000Z-abc123",
            Timestamp = new DateTimeOffset(2026, 12, 1, 0, 0, 7, TimeSpan.Zero),
            Source = "list",
            Regime = "calm",
            Summary = new EdgeMetrics { NetBps = 1, RiskRatio = 0.5, NegEdgeDrivers = Array.Empty<string>() },
        };
        summary.Tuning.ProposedDeltas["tail_age_ms"] = 30m;
        summary.Tuning.Outcomes["tail_age_ms"] = new ParameterOutcome("tail_age_ms", 650m, 30m, 650m, ParameterStatus.Frozen, false);
        summary.Tuning.Overrides["tail_age_ms"] = 680m;
        summary.Tuning.Guards["freeze"] = true;
        summary.Tuning.Events.Add(new GuardEvent("freeze", "freeze_entered", "frozen for 3 iterations", true));
        summary.Kpi.Verdict = Verdict.WARN;
        summary.Kpi.Reasons.Add("risk_ratio 0.5 > 0.4");
        return SoakJson.Serialize(summary);
    }

    /// <summary>As the runner's JSON, with infinity spelled out: the contract reads 1e400 as infinity, which the runner cannot write.</summary>
    private static string Json(IterationSummary summary) => JsonSerializer.Serialize(summary, Comparable);

    private static readonly JsonSerializerOptions Comparable = new(SoakJson.Options) { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals };

    private static string ReplaceFirst(string text, string find, string replace)
    {
        var at = text.IndexOf(find, StringComparison.Ordinal);
        return text[..at] + replace + text[(at + find.Length)..];
    }

    /// <summary>What a reader made of a file: the summary as JSON, or the error's type and message.</summary>
    private static string Outcome(Func<IterationSummary> read)
    {
        try
        {
            return Json(read());
        }
        catch (Exception e)
        {
            return $"{e.GetType().FullName}: {e.Message}";
        }
    }

    private static readonly Gen<string> Text = Gen.String;
    private static readonly Gen<decimal> Decimal = Gen.Decimal;
    private static readonly Gen<double?> Metric = Gen.Select(Gen.Double.Where(double.IsFinite), Gen.Int[0, 4]).Select((d, n) => n == 0 ? (double?)null : d);
    private static readonly Gen<string?> TextOrNull = Gen.Select(Text, Gen.Int[0, 3]).Select((t, n) => n == 0 ? null : t);

    private static readonly Gen<EdgeMetrics> Metrics = Gen.Select(Metric.Array[20], Text.List[0, 3]).Select((m, drivers) => new EdgeMetrics
    {
        NetBps = m[0], GrossBps = m[1], FeesEffBps = m[2], SlippageBps = m[3], AdverseBps = m[4], InventoryBps = m[5], AdverseBpsP95 = m[6],
        SlippageBpsP95 = m[7], OrderAgeP95Ms = m[8], WsLagP95Ms = m[9], P95LatencyMs = m[10], CancelRatio = m[11], MakerSharePct = m[12],
        MakerTakerRatio = m[13], RiskRatio = m[14], MinIntervalRatio = m[15], ConcurrencyRatio = m[16], ThrottleRatio = m[17], NetUsd = m[18], VolumeUsd = m[19], NegEdgeDrivers = drivers,
    });

    private static readonly Gen<ParameterOutcome> Outcomes = Gen.Select(Text, Decimal, Decimal, Decimal, Gen.Enum<ParameterStatus>(), Gen.Bool)
        .Select((name, old, proposed, value, status, hitBound) => new ParameterOutcome(name, old, proposed, value, status, hitBound));

    private static readonly Gen<GuardEvent> Events = Gen.Select(Text, Text, Text, Gen.Bool).Select((guard, code, message, warning) => new GuardEvent(guard, code, message, warning));

    private static readonly Gen<IterationSummary> Summaries =
        Gen.Select(Gen.Select(Gen.Int, Text, Gen.DateTimeOffset, Text, TextOrNull, TextOrNull, Text, Metrics),
                Gen.Select(Text.Dictionary(Decimal)[0, 6], Text.Dictionary(Decimal)[0, 6], Gen.Bool, Text, Text.Dictionary(Outcomes)[0, 6], TextOrNull, Text),
                Gen.Select(Text.Dictionary(Decimal)[0, 6], Text.Dictionary(Gen.Bool)[0, 6], Events.List[0, 3], Gen.Enum<Verdict>(), Text.List[0, 3], Text.List[0, 3]))
            .Select((head, tuning, rest) =>
            {
                var (iteration, runId, timestamp, source, profile, regime, status, metrics) = head;
                var (proposed, deltas, applied, rationale, outcomes, skip, hash) = tuning;
                var (overrides, guards, events, verdict, reasons, notEvaluated) = rest;
                var summary = new IterationSummary
                {
                    Iteration = iteration, RunId = runId, Timestamp = timestamp, Source = source, Profile = profile, Regime = regime, Status = status, Summary = metrics,
                };
                Fill(summary.Tuning.ProposedDeltas, proposed);
                Fill(summary.Tuning.Deltas, deltas);
                summary.Tuning.Applied = applied;
                summary.Tuning.Rationale = rationale;
                Fill(summary.Tuning.Outcomes, outcomes);
                summary.Tuning.SkipReason = skip;
                summary.Tuning.StateHash = hash;
                Fill(summary.Tuning.Overrides, overrides);
                Fill(summary.Tuning.Guards, guards);
                summary.Tuning.Events.AddRange(events);
                summary.Kpi.Verdict = verdict;
                summary.Kpi.Reasons.AddRange(reasons);
                summary.Kpi.NotEvaluated.AddRange(notEvaluated);
                return summary;
            });

    private static void Fill<T>(SortedDictionary<string, T> into, Dictionary<string, T> from)
    {
        foreach (var (key, value) in from)
        {
            into[key] = value;
        }
    }
}
