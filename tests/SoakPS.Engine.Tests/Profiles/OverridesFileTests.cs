using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Engine.Tests.Parameters;

public sealed class OverridesFileTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    [Fact]
    public void Writes_a_flat_map_of_canonical_numbers_that_reads_back_valid()
    {
        var file = new OverridesFile(_root.Layout);
        var values = new ParameterSet(BuiltInProfiles.SteadySafe.Parameters).With("base_spread_bps_delta", 0.1600m);
        file.Write(values);
        var text = File.ReadAllText(file.Path);
        Assert.Contains("\"min_interval_ms\": 75", text);
        Assert.Contains("\"base_spread_bps_delta\": 0.16,", text);
        var read = file.Read(ParameterCatalog.Default);
        Assert.True(read.IsValid);
        Assert.Equal(values, read.Values);
        Assert.Empty(Directory.EnumerateFiles(_root.Path, "*.tmp"));
    }

    [Theory]
    [InlineData("{", "InvalidOverridesJson")]
    [InlineData("[]", "OverridesNotAnObject")]
    [InlineData("{\"min_interval_ms\": 75}", "OverridesIncomplete")]
    [InlineData("{\"base_spread_bps_delta\": 0.16, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.12, \"min_interval_ms\": \"75\", \"replace_rate_per_min\": 260, \"tail_age_ms\": 740}", "ParameterNotNumeric")]
    [InlineData("{\"base_spread_bps_delta\": 0.16, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.12, \"min_interval_ms\": 1e400, \"replace_rate_per_min\": 260, \"tail_age_ms\": 740}", "ParameterNotFinite")]
    [InlineData("{\"base_spread_bps_delta\": 0.16, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.12, \"min_interval_ms\": 99, \"replace_rate_per_min\": 260, \"tail_age_ms\": 740}", "ParameterOutOfBounds")]
    [InlineData("{\"base_spread_bps_delta\": 0.16, \"impact_cap_ratio\": 0.08, \"max_delta_ratio\": 0.12, \"min_interval_ms\": 75, \"replace_rate_per_min\": 260, \"tail_age_ms\": 740, \"x\": 1}", "UnknownParameter")]
    public void Reading_an_invalid_file_returns_the_reason_without_throwing(string content, string errorId)
    {
        var file = new OverridesFile(_root.Layout);
        File.WriteAllText(file.Path, content);
        var read = file.Read(ParameterCatalog.Default);
        Assert.False(read.IsValid);
        Assert.True(read.Exists);
        Assert.Equal(errorId, read.ErrorId);
        Assert.Contains(file.Path, read.Reason);
    }

    [Fact]
    public void A_missing_file_is_reported_as_missing()
    {
        var read = new OverridesFile(_root.Layout).Read(ParameterCatalog.Default);
        Assert.False(read.Exists);
        Assert.False(read.IsValid);
        Assert.Equal("OverridesFileMissing", read.ErrorId);
    }
}
