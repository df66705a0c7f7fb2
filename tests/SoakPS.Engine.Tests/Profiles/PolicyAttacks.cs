using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;
using SoakPS.Engine.Tests.Parameters;

namespace SoakPS.Engine.Tests.Attacks;

/// <summary>Attack class "profiles that load but crash the run later": policy validated fully at load, with ranges.</summary>
[Trait("Category", "Attack")]
public sealed class PolicyAttacks : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Theory]
    [InlineData("guards", "freeze_iterations", "2147483647")]
    [InlineData("guards", "cooldown_iterations", "2147483647")]
    [InlineData("guards", "panic_pause_iterations", "2147483647")]
    [InlineData("guards", "oscillation_hold_iterations", "2147483647")]
    [InlineData("guards", "velocity_window_minutes", "2147483647")]
    [InlineData("guards", "cooldown_size_threshold", "79228162514264337593543950335")]
    [InlineData("guards", "oscillation_tolerance", "-5")]
    [InlineData("kpi", "run_verdict_window", "2147483647")]
    [InlineData("kpi", "fail_risk_ratio_above", "1e300")]
    [InlineData("kpi", "warn_net_bps_below", "-1e300")]
    public void A_policy_number_at_a_type_limit_is_refused_at_load(string section, string key, string value)
    {
        _root.WriteProfile("limits", $"{{\"policy\": {{\"{section}\": {{\"{key}\": {value}}}}}}}");
        var error = Assert.Throws<SoakException>(() => new ProfileStore(_root.Layout).Load("limits"));
        Assert.Equal("InvalidProfileFile", error.ErrorId);
        Assert.Contains(key, error.Message);
        Assert.Contains("must be from", error.Message);
    }

    [Fact]
    public void A_velocity_limit_at_the_decimal_limit_is_refused_at_load()
    {
        _root.WriteProfile("limits", "{\"policy\": {\"guards\": {\"velocity_limits\": {\"min_interval_ms\": 79228162514264337593543950335}}}}");
        var error = Assert.Throws<SoakException>(() => new ProfileStore(_root.Layout).Load("limits"));
        Assert.Contains("velocity_limits.min_interval_ms", error.Message);
    }

    [Fact]
    public void A_panic_target_naming_no_profile_is_refused_at_load_with_the_available_names()
    {
        _root.WriteProfile("target", "{\"policy\": {\"guards\": {\"panic_target\": \"steady_sfe\"}}}");
        var error = Assert.Throws<SoakException>(() => new ProfileStore(_root.Layout).Load("target"));
        Assert.Equal("UnknownPanicTarget", error.ErrorId);
        Assert.Contains("steady_safe", error.Message);
    }

    [Theory]
    [InlineData("last_good")]
    [InlineData("ultra_safe")]
    [InlineData("mine")]
    public void A_panic_target_that_exists_loads(string target)
    {
        _root.WriteProfile("mine", "{\"parameters\": {\"min_interval_ms\": 75}}");
        _root.WriteProfile("target", $"{{\"policy\": {{\"guards\": {{\"panic_target\": \"{target}\", \"freeze_iterations\": 6}}}}}}");
        var profile = new ProfileStore(_root.Layout).Load("target");
        Assert.Equal(target, profile.Policy!.Guards.PanicTarget);
        Assert.Equal(6, profile.Policy.Guards.FreezeIterations);
    }
}
