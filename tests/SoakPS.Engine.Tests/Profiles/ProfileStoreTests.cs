using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Engine.Tests.Parameters;

public sealed class ProfileStoreTests : IDisposable
{
    private readonly TempRoot _root = new();
    private ProfileStore Store => new(_root.Layout);

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Built_in_profiles_have_the_spec_values()
    {
        Assert.Equal("base_spread_bps_delta=0.16, impact_cap_ratio=0.08, max_delta_ratio=0.12, min_interval_ms=75, replace_rate_per_min=260, tail_age_ms=740",
            new ParameterSet(Store.Load("steady_safe").Parameters).ToString());
        Assert.Equal("base_spread_bps_delta=0.16, impact_cap_ratio=0.08, max_delta_ratio=0.12, min_interval_ms=80, replace_rate_per_min=240, tail_age_ms=700",
            new ParameterSet(Store.Load("ultra_safe").Parameters).ToString());
        Assert.Equal("base_spread_bps_delta=0.1, impact_cap_ratio=0.12, max_delta_ratio=0.16, min_interval_ms=50, replace_rate_per_min=320, tail_age_ms=500",
            new ParameterSet(Store.Load("aggressive").Parameters).ToString());
        Assert.All(BuiltInProfiles.All, p => Assert.False(string.IsNullOrWhiteSpace(p.Description)));
    }

    [Fact]
    public void Built_in_values_cannot_be_changed_through_the_profile()
    {
        var parameters = Assert.IsAssignableFrom<IDictionary<string, decimal>>(BuiltInProfiles.SteadySafe.Parameters);
        Assert.Throws<NotSupportedException>(() => parameters["min_interval_ms"] = 40m);
    }

    [Fact]
    public void Lists_built_ins_then_user_profiles_in_both_formats()
    {
        _root.WriteProfile("flat", "{\"min_interval_ms\": 78, \"tail_age_ms\": 600}");
        _root.WriteProfile("structured", "{\"description\": \"night shift\", \"parameters\": {\"replace_rate_per_min\": 220}}");
        var profiles = Store.List();
        Assert.Equal(new[] { "steady_safe", "ultra_safe", "aggressive", "flat", "structured" }, profiles.Select(p => p.Name));
        var flat = Store.Load("flat");
        Assert.False(flat.IsBuiltIn);
        Assert.Equal(78m, flat.Parameters["min_interval_ms"]);
        Assert.Equal(2, flat.Parameters.Count);
        var structured = Store.Load("structured");
        Assert.Equal("night shift", structured.Description);
        Assert.Equal(220m, structured.Parameters["replace_rate_per_min"]);
    }

    [Fact]
    public void Policy_sections_are_parsed_into_the_soak_policy()
    {
        _root.WriteProfile("p", """
        {
          "description": "policy",
          "parameters": { "min_interval_ms": 60 },
          "policy": {
            "kpi": { "fail_net_bps_below": 1.5, "run_verdict_window": 4 },
            "guards": { "panic_fail_streak": 5, "panic_target": "ultra_safe", "velocity_limits": { "tail_age_ms": 100 } },
            "bounds": { "min_interval_ms": { "min": 45, "max": 80 } },
            "rules": [ { "name": "slow_down", "when": [ { "metric": "risk_ratio", "op": ">=", "value": 0.5 } ],
                         "changes": [ { "parameter": "min_interval_ms", "step": 5, "limit": 80 } ], "consecutive": 2 } ]
          }
        }
        """);
        var profile = Store.Load("p");
        var policy = Assert.IsType<SoakPolicy>(profile.Policy);
        Assert.Equal(1.5, policy.Kpi.FailNetBpsBelow);
        Assert.Equal(4, policy.Kpi.RunVerdictWindow);
        Assert.Equal(400, policy.Kpi.FailP95LatencyMsAbove);
        Assert.Equal(5, policy.Guards.PanicFailStreak);
        Assert.Equal("ultra_safe", policy.Guards.PanicTarget);
        Assert.Equal(100m, policy.Guards.VelocityLimits["tail_age_ms"]);
        Assert.Equal(30m, policy.Guards.VelocityLimits["min_interval_ms"]);
        var rule = Assert.Single(policy.Rules.Rules);
        Assert.Equal("slow_down", rule.Name);
        Assert.Equal(2, rule.Consecutive);
        Assert.Equal(new SoakPS.Engine.Tuning.RuleCondition("risk_ratio", ">=", 0.5), Assert.Single(rule.When));
        Assert.Equal(new SoakPS.Engine.Tuning.RuleStep("min_interval_ms", 5m, 80m), Assert.Single(rule.Changes));
        var bound = Assert.Single(profile.ExtraDefinitions!);
        Assert.Equal((45m, 80m), (bound.Min, bound.Max));
        var resolved = new ParameterResolver(Store).Resolve("p");
        Assert.Equal(5, resolved.Policy.Guards.PanicFailStreak);
        Assert.Equal("slow_down", Assert.Single(resolved.Policy.Rules.Rules).Name);
        Assert.Equal(45m, resolved.Catalog["min_interval_ms"].Min);
    }

    [Fact]
    public void An_extra_parameter_needs_its_bounds()
    {
        _root.WriteProfile("without", "{\"parameters\": {\"quote_levels\": 3}}");
        var error = Assert.Throws<SoakException>(() => Store.Load("without"));
        Assert.Equal("UnknownParameter", error.ErrorId);
        Assert.Contains("bounds", error.Message);

        _root.WriteProfile("with", "{\"parameters\": {\"quote_levels\": 3}, \"policy\": {\"bounds\": {\"quote_levels\": {\"min\": 1, \"max\": 5, \"decimals\": 0, \"unit\": \"levels\"}}}}");
        var resolved = new ParameterResolver(Store).Resolve("with");
        Assert.Equal(3m, resolved.Values["quote_levels"]);
        Assert.Equal(7, resolved.Values.Values.Count);
        Assert.Equal("levels", resolved.Catalog["quote_levels"].Unit);

        _root.WriteProfile("defaulted", "{\"parameters\": {}, \"policy\": {\"bounds\": {\"quote_levels\": {\"min\": 2, \"max\": 5}}}}");
        Assert.Equal(2m, new ParameterResolver(Store).Resolve("defaulted").Values["quote_levels"]);
    }

    [Theory]
    [InlineData("{\"min_interval_ms\": 75", "InvalidProfileFile")]
    [InlineData("[75]", "InvalidProfileFile")]
    [InlineData("\"steady\"", "InvalidProfileFile")]
    [InlineData("{\"min_intervall_ms\": 75}", "UnknownParameter")]
    [InlineData("{\"min_interval_ms\": \"75\"}", "ParameterNotNumeric")]
    [InlineData("{\"min_interval_ms\": \"NaN\"}", "ParameterNotFinite")]
    [InlineData("{\"min_interval_ms\": 1e400}", "ParameterNotFinite")]
    [InlineData("{\"min_interval_ms\": 81}", "ParameterOutOfBounds")]
    [InlineData("{\"parameters\": [], \"description\": \"x\"}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"polcy\": {}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"kpi\": {\"fail_net_bps\": 1}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"kpi\": {\"fail_net_bps_below\": \"NaN\"}}}", "ParameterNotFinite")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"kpi\": {\"fail_net_bps_below\": 1e400}}}", "ParameterNotFinite")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"kpi\": {\"fail_net_bps_below\": \"low\"}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"guards\": {\"velocity_limits\": {\"speed\": 1}}}}", "UnknownParameter")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"guards\": {\"freeze_parameters\": [\"speed\"]}}}", "UnknownParameter")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"bounds\": {\"min_interval_ms\": {\"min\": 30, \"max\": 80}}}}", "ParameterOutOfBounds")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"bounds\": {\"min_interval_ms\": {\"min\": 70, \"max\": 60}}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"bounds\": {\"x\": {\"min\": 1}}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"rules\": {}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"rules\": [{\"name\": \"r\", \"when\": [{\"metric\": \"risk\", \"op\": \">\", \"value\": 1}], \"changes\": [{\"parameter\": \"tail_age_ms\", \"step\": 1, \"limit\": 800}]}]}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"rules\": [{\"name\": \"r\", \"when\": [{\"metric\": \"risk_ratio\", \"op\": \"=\", \"value\": 1}], \"changes\": [{\"parameter\": \"tail_age_ms\", \"step\": 1, \"limit\": 800}]}]}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"rules\": [{\"name\": \"r\", \"when\": [{\"metric\": \"risk_ratio\", \"op\": \">\", \"value\": 1}], \"changes\": [{\"parameter\": \"speed\", \"step\": 1, \"limit\": 800}]}]}}", "UnknownParameter")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"rules\": [{\"name\": \"r\", \"when\": [{\"metric\": \"risk_ratio\", \"op\": \">\", \"value\": 1}], \"changes\": [{\"parameter\": \"tail_age_ms\", \"step\": 1, \"limit\": 900}]}]}}", "ParameterOutOfBounds")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"rules\": [{\"name\": \"r\", \"when\": [], \"changes\": [{\"parameter\": \"tail_age_ms\", \"step\": 1, \"limit\": 800}]}]}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"kpi\": {\"run_verdict_window\": 0}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"guards\": {\"cooldown_iterations\": -1}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"guards\": {\"panic_target\": \"../x\"}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"guards\": {\"freeze_parameters\": \"tail_age_ms\"}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"tuner\": {\"name\": \"magic\"}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"tuner\": {\"classes\": []}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"tuner\": {\"classes\": [{\"name\": \"a\", \"preset\": {\"base_spread_bps_delta\": 0.1, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.16, \"min_interval_ms\": 50, \"replace_rate_per_min\": 300, \"tail_age_ms\": 600}}, {\"name\": \"b\", \"preset\": {\"base_spread_bps_delta\": 0.1, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.16, \"min_interval_ms\": 50, \"replace_rate_per_min\": 300, \"tail_age_ms\": 600}}]}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"tuner\": {\"classes\": [{\"name\": \"a\", \"preset\": {\"impact_cap_ratio\": 0.08}}]}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"tuner\": {\"classes\": [{\"name\": \"a\", \"preset\": {\"base_spread_bps_delta\": 0.1, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.2, \"min_interval_ms\": 50, \"replace_rate_per_min\": 300, \"tail_age_ms\": 600}}]}}}", "ParameterOutOfBounds")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"tuner\": {\"classes\": [{\"name\": \"a\", \"preset\": {\"base_spread_bps_delta\": 0.1, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.16, \"min_interval_ms\": 50, \"replace_rate_per_min\": 300, \"tail_age\": 600}}]}}}", "UnknownParameter")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"tuner\": {\"classes\": [{\"name\": \"a\", \"when\": [{\"metric\": \"adverse_bps_p95\", \"op\": \"<=\", \"value\": 3}], \"preset\": {\"base_spread_bps_delta\": 0.1, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.16, \"min_interval_ms\": 50, \"replace_rate_per_min\": 300, \"tail_age_ms\": 600}}, {\"name\": \"a\", \"preset\": {\"base_spread_bps_delta\": 0.1, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.16, \"min_interval_ms\": 50, \"replace_rate_per_min\": 300, \"tail_age_ms\": 600}}]}}}", "InvalidProfileFile")]
    [InlineData("{\"parameters\": {}, \"policy\": {\"tuner\": {\"classes\": [{\"name\": \"../a\", \"preset\": {\"base_spread_bps_delta\": 0.1, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.16, \"min_interval_ms\": 50, \"replace_rate_per_min\": 300, \"tail_age_ms\": 600}}]}}}", "InvalidProfileFile")]
    public void Bad_profile_files_are_refused_with_their_error_id_naming_the_file(string json, string errorId)
    {
        var file = _root.WriteProfile("bad", json);
        var error = Assert.Throws<SoakException>(() => Store.Load("bad"));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void Listing_reports_bad_and_shadowing_files_and_keeps_the_good_ones()
    {
        _root.WriteProfile("good", "{\"min_interval_ms\": 78}");
        _root.WriteProfile("broken", "{");
        _root.WriteProfile("steady_safe", "{\"min_interval_ms\": 40}");
        var errors = new List<(string Name, string Id)>();
        var profiles = Store.List((name, e) => errors.Add((name, e.ErrorId)));
        Assert.Contains(profiles, p => p.Name == "good");
        Assert.Equal(new[] { ("broken", "InvalidProfileFile"), ("steady_safe", "BuiltInProfileImmutable") }, errors.OrderBy(e => e.Name));
        Assert.Equal(75m, Store.Load("steady_safe").Parameters["min_interval_ms"]);
    }

    [Fact]
    public void Save_writes_a_profile_that_loads_back_and_refuses_built_in_names()
    {
        var profile = new Profile("mine", "my profile", new Dictionary<string, decimal> { ["min_interval_ms"] = 72m }, false,
            Policy: SoakPolicy.Default with { Kpi = new Kpi.KpiPolicy { FailNetBpsBelow = 1.25 } });
        var path = Store.Save(profile);
        Assert.Equal(_root.Layout.ProfileFile("mine"), path);
        var loaded = Store.Load("mine");
        Assert.Equal(72m, loaded.Parameters["min_interval_ms"]);
        Assert.Equal(1.25, loaded.Policy!.Kpi.FailNetBpsBelow);
        Assert.Equal(SoakPolicy.Default.Rules.Rules.Count, loaded.Policy.Rules.Rules.Count);

        var before = _root.Snapshot();
        var error = Assert.Throws<SoakException>(() => Store.Save(profile with { Name = "ultra_safe" }));
        Assert.Equal("BuiltInProfileImmutable", error.ErrorId);
        Assert.Throws<SoakException>(() => Store.Save(profile with { Name = "../escape" }));
        Assert.Equal(before, _root.Snapshot());
    }

    [Fact]
    public void Save_keeps_extra_parameters_bounds_and_replacement_rules()
    {
        var rules = new SoakPS.Engine.Tuning.RuleSet(new[]
        {
            new SoakPS.Engine.Tuning.TuningRule("calm", new[] { new SoakPS.Engine.Tuning.RuleCondition("net_bps", ">", 4) }, new[] { new SoakPS.Engine.Tuning.RuleStep("quote_levels", 1m, 5m) }),
        });
        var profile = new Profile("levels", "with levels", new Dictionary<string, decimal> { ["quote_levels"] = 3m }, false,
            Policy: SoakPolicy.Default with { Rules = rules },
            ExtraDefinitions: new[] { new ParameterDefinition("quote_levels", "levels", 2m, 1m, 5m, 0, 0) });
        Store.Save(profile);
        var loaded = Store.Load("levels");
        Assert.Equal(3m, loaded.Parameters["quote_levels"]);
        Assert.Equal(new ParameterDefinition("quote_levels", "levels", 2m, 1m, 5m, 0, 0), Assert.Single(loaded.ExtraDefinitions!));
        var rule = Assert.Single(loaded.Policy!.Rules.Rules);
        Assert.Equal(new SoakPS.Engine.Tuning.RuleStep("quote_levels", 1m, 5m), Assert.Single(rule.Changes));
    }

    [Fact]
    public void Profile_names_are_case_insensitive()
    {
        _root.WriteProfile("Night", "{\"min_interval_ms\": 78}");
        Assert.Equal("steady_safe", Store.Load("STEADY_SAFE").Name);
        Assert.Equal(78m, Store.Load("night").Parameters["min_interval_ms"]);
        Assert.Equal("BuiltInProfileImmutable", Assert.Throws<SoakException>(() =>
            Store.Save(new Profile("Ultra_Safe", "", new Dictionary<string, decimal>(), false))).ErrorId);
    }

    [Fact]
    public void Names_lists_user_files_without_reading_them()
    {
        _root.WriteProfile("zeta", "{");
        _root.WriteProfile("alpha", "{}");
        Assert.Equal(new[] { "steady_safe", "ultra_safe", "aggressive", "alpha", "zeta" }, Store.Names());
    }

    [Fact]
    public void A_tuner_policy_with_presets_and_evidence_saves_and_loads_back_the_same()
    {
        var classes = SoakPS.Engine.Tuning.BuiltInPresets.Classes.Select(c => c with { Preset = new Dictionary<string, decimal>(c.Preset) { ["tail_age_ms"] = 777m } }).ToList();
        var policy = SoakPolicy.Default with { Tuner = new SoakPS.Engine.Tuning.TunerPolicy { Name = "rules", Classes = classes } };
        Store.Save(new Profile("fitted", "fitted presets", new Dictionary<string, decimal>(), false, null, policy));

        var loaded = Store.Load("fitted").Policy!.Tuner;
        Assert.Equal("rules", loaded.Name);
        Assert.Equal(classes.Select(c => c.Name), loaded.Classes.Select(c => c.Name));
        for (var i = 0; i < classes.Count; i++)
        {
            Assert.Equal(classes[i].Preset.OrderBy(kv => kv.Key), loaded.Classes[i].Preset.OrderBy(kv => kv.Key));
            Assert.Equal(classes[i].When, loaded.Classes[i].When);
            Assert.Equal(classes[i].Evidence, loaded.Classes[i].Evidence);
        }
    }
}
