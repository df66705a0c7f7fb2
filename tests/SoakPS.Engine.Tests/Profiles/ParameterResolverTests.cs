using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Engine.Tests.Parameters;

public sealed class ParameterResolverTests : IDisposable
{
    private readonly TempRoot _root = new();
    private ParameterResolver Resolver => new(new ProfileStore(_root.Layout));

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Without_profile_every_value_is_the_catalog_default()
    {
        var resolved = Resolver.Resolve((string?)null);
        Assert.Equal(ParameterCatalog.Default.Defaults(), resolved.Values);
        Assert.All(resolved.Details, d => Assert.Equal(ParameterSource.Default, d.Source));
    }

    [Fact]
    public void Profile_environment_and_explicit_values_win_in_that_order_key_by_key()
    {
        var resolved = Resolver.Resolve("steady_safe",
            new Dictionary<string, object?> { ["replace_rate_per_min"] = 300 },
            "{\"min_interval_ms\": 77, \"replace_rate_per_min\": 210}");

        Assert.Equal(77m, resolved.Values["min_interval_ms"]);
        Assert.Equal(300m, resolved.Values["replace_rate_per_min"]);
        Assert.Equal(740m, resolved.Values["tail_age_ms"]);
        Assert.Equal(0.16m, resolved.Values["base_spread_bps_delta"]);
        Assert.Equal(0.08m, resolved.Values["impact_cap_ratio"]);
        Assert.Equal(0.12m, resolved.Values["max_delta_ratio"]);
        var bySource = resolved.Details.ToDictionary(d => d.Name);
        Assert.Equal(ParameterSource.Environment, bySource["min_interval_ms"].Source);
        Assert.Equal("MM_RUNTIME_OVERRIDES_JSON", bySource["min_interval_ms"].SourceDetail);
        Assert.Equal(ParameterSource.Explicit, bySource["replace_rate_per_min"].Source);
        Assert.Equal(ParameterResolver.ExplicitSource, bySource["replace_rate_per_min"].SourceDetail);
        Assert.Equal(ParameterSource.Profile, bySource["tail_age_ms"].Source);
        Assert.Equal("profile steady_safe", bySource["tail_age_ms"].SourceDetail);
    }

    [Fact]
    public void A_partial_environment_map_keeps_every_other_profile_value()
    {
        var resolved = Resolver.Resolve("ultra_safe", null, "{\"tail_age_ms\": 720}");
        var expected = new ParameterSet(BuiltInProfiles.UltraSafe.Parameters).With("tail_age_ms", 720m);
        Assert.Equal(expected, resolved.Values);
    }

    [Theory]
    [InlineData(77.4, 77)]
    [InlineData(77.5, 78)]
    public void Values_needing_rounding_are_rounded_and_the_detail_says_so(double given, int expected)
    {
        var resolved = Resolver.Resolve(null, new Dictionary<string, object?> { ["min_interval_ms"] = given }, null);
        var detail = resolved.Details.Single(d => d.Name == "min_interval_ms");
        Assert.Equal(expected, detail.Value);
        Assert.Contains("rounded", detail.SourceDetail);
    }

    [Fact]
    public void Explicit_values_accept_the_types_a_hashtable_carries()
    {
        var resolved = Resolver.Resolve(null, new Dictionary<string, object?>
        {
            ["MIN_INTERVAL_MS"] = 72L,
            ["impact_cap_ratio"] = 0.1,
            ["max_delta_ratio"] = 0.15m,
            ["tail_age_ms"] = "600",
        }, null);
        Assert.Equal(72m, resolved.Values["min_interval_ms"]);
        Assert.Equal(0.1m, resolved.Values["impact_cap_ratio"]);
        Assert.Equal(0.15m, resolved.Values["max_delta_ratio"]);
        Assert.Equal(600m, resolved.Values["tail_age_ms"]);
    }

    [Theory]
    [InlineData("{not json", "InvalidOverridesJson")]
    [InlineData("[1, 2]", "OverridesNotAnObject")]
    [InlineData("75", "OverridesNotAnObject")]
    [InlineData("{\"min_intervall_ms\": 75}", "UnknownParameter")]
    [InlineData("{\"min_interval_ms\": \"75\"}", "ParameterNotNumeric")]
    [InlineData("{\"min_interval_ms\": true}", "ParameterNotNumeric")]
    [InlineData("{\"min_interval_ms\": null}", "ParameterNotNumeric")]
    [InlineData("{\"min_interval_ms\": \"NaN\"}", "ParameterNotFinite")]
    [InlineData("{\"min_interval_ms\": \"-Infinity\"}", "ParameterNotFinite")]
    [InlineData("{\"min_interval_ms\": 1e400}", "ParameterNotFinite")]
    [InlineData("{\"min_interval_ms\": 90}", "ParameterOutOfBounds")]
    [InlineData("{\"min_interval_ms\": 80.4}", "ParameterOutOfBounds")]
    [InlineData("{\"min_interval_ms\": 70, \"min_interval_ms\": 71}", "DuplicateJsonKey")]
    public void Bad_environment_json_is_refused_with_its_error_id_naming_the_source(string json, string errorId)
    {
        var error = Assert.Throws<SoakException>(() => Resolver.Resolve("steady_safe", null, json));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains("MM_RUNTIME_OVERRIDES_JSON", error.Message);
    }

    [Fact]
    public void Unknown_key_suggests_the_closest_name()
    {
        var error = Assert.Throws<SoakException>(() => Resolver.Resolve(null, null, "{\"tail_age\": 600}"));
        Assert.Contains("Did you mean 'tail_age_ms'?", error.Message);
    }

    [Theory]
    [InlineData("min_interval_ms", double.NaN, "ParameterNotFinite")]
    [InlineData("min_interval_ms", double.PositiveInfinity, "ParameterNotFinite")]
    [InlineData("min_interval_ms", "abc", "ParameterNotNumeric")]
    [InlineData("min_interval_ms", "NaN", "ParameterNotFinite")]
    [InlineData("min_interval_ms", true, "ParameterNotNumeric")]
    [InlineData("min_interval_ms", null, "ParameterNotNumeric")]
    [InlineData("min_interval_ms", 39, "ParameterOutOfBounds")]
    [InlineData("impact_cap_ratio", 0.5, "ParameterOutOfBounds")]
    [InlineData("speed", 1, "UnknownParameter")]
    public void Bad_explicit_values_are_refused_naming_set(string key, object? value, string errorId)
    {
        var error = Assert.Throws<SoakException>(() => Resolver.Resolve(null, new Dictionary<string, object?> { [key] = value }, null));
        Assert.Equal(errorId, error.ErrorId);
        Assert.Contains(ParameterResolver.ExplicitSource, error.Message);
    }

    [Theory]
    [InlineData("MinIntervalMs", "min_interval_ms", 76)]
    [InlineData("BaseSpreadBpsDelta", "base_spread_bps_delta", 0.2)]
    [InlineData("ReplaceRatePerMin", "replace_rate_per_min", 250)]
    [InlineData("MIN_INTERVAL_MS", "min_interval_ms", 77)]
    public void Explicit_values_take_the_property_names_of_the_output_objects(string key, string name, double value)
    {
        var resolved = Resolver.Resolve(null, new Dictionary<string, object?> { [key] = value }, null);
        Assert.Equal((decimal)value, resolved.Values[name]);
    }

    [Fact]
    public void One_parameter_in_its_two_spellings_is_refused()
    {
        var error = Assert.Throws<SoakException>(() => Resolver.Resolve(null,
            new Dictionary<string, object?> { ["min_interval_ms"] = 76, ["MinIntervalMs"] = 77 }, null));
        Assert.Equal("DuplicateExplicitValue", error.ErrorId);
    }

    [Fact]
    public void An_explicit_value_wins_but_a_bad_environment_value_is_still_refused()
    {
        var error = Assert.Throws<SoakException>(() => Resolver.Resolve(null,
            new Dictionary<string, object?> { ["min_interval_ms"] = 70 }, "{\"min_interval_ms\": 999}"));
        Assert.Equal("ParameterOutOfBounds", error.ErrorId);
        Assert.StartsWith("MM_RUNTIME_OVERRIDES_JSON", error.Message);
    }

    [Fact]
    public void Unknown_profile_lists_the_available_ones()
    {
        _root.WriteProfile("night", "{\"min_interval_ms\": 78}");
        var error = Assert.Throws<SoakException>(() => Resolver.Resolve("nope"));
        Assert.Equal("ProfileNotFound", error.ErrorId);
        Assert.Contains("steady_safe", error.Message);
        Assert.Contains("night", error.Message);
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("a/b")]
    [InlineData("..")]
    [InlineData("/etc/passwd")]
    [InlineData("C:\\temp\\x")]
    [InlineData("a\\b")]
    [InlineData("")]
    [InlineData(" steady_safe")]
    public void Profile_names_with_path_characters_are_refused(string name)
    {
        var error = Assert.Throws<SoakException>(() => Resolver.Resolve(name));
        Assert.Equal("InvalidName", error.ErrorId);
    }

    [Fact]
    public void A_user_profile_value_out_of_narrowed_bounds_names_the_file()
    {
        var file = _root.WriteProfile("narrow", "{\"parameters\": {\"min_interval_ms\": 50}, \"policy\": {\"bounds\": {\"min_interval_ms\": {\"min\": 60, \"max\": 80}}}}");
        var error = Assert.Throws<SoakException>(() => Resolver.Resolve("narrow"));
        Assert.Equal("ParameterOutOfBounds", error.ErrorId);
        Assert.Contains(file, error.Message);
    }

    [Fact]
    public void Narrowed_bounds_apply_to_environment_and_explicit_values()
    {
        _root.WriteProfile("narrow", "{\"parameters\": {}, \"policy\": {\"bounds\": {\"min_interval_ms\": {\"min\": 60, \"max\": 80}}}}");
        Assert.Equal("ParameterOutOfBounds", Assert.Throws<SoakException>(() => Resolver.Resolve("narrow", null, "{\"min_interval_ms\": 55}")).ErrorId);
        Assert.Equal(60m, Resolver.Resolve("narrow", new Dictionary<string, object?> { ["min_interval_ms"] = 60 }, null).Values["min_interval_ms"]);
        // The catalog default 70 still lies in [60, 80].
        Assert.Equal(70m, Resolver.Resolve("narrow").Values["min_interval_ms"]);
    }
}
