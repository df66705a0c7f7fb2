using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Engine.Tests.Parameters;

public sealed class LegacyMigrationTests : IDisposable
{
    private readonly TempRoot _root = new();

    public void Dispose() => _root.Dispose();

    private void WriteLegacy()
    {
        File.WriteAllText(Path.Combine(_root.Path, "steady_safe_overrides.json"), "{\"min_interval_ms\": 76, \"tail_age_ms\": 730}");
        File.WriteAllText(Path.Combine(_root.Path, "ultra_safe_overrides.json"), "{\"runtime\": {\"min_interval_ms\": 80}}");
        File.WriteAllText(Path.Combine(_root.Path, "steady_overrides.json"), "{\"min_interval_ms\": 70}");
        File.WriteAllText(Path.Combine(_root.Path, "applied_profile.json"), "{\"profile\": \"steady_safe\"}");
    }

    [Fact]
    public void Plan_changes_nothing()
    {
        WriteLegacy();
        var before = _root.Snapshot();
        var plan = new LegacyMigration(_root.Layout).Plan();
        Assert.Equal(4, plan.Count);
        Assert.Equal(before, _root.Snapshot());
    }

    [Fact]
    public void Valid_old_profiles_become_legacy_user_profiles_and_the_rest_is_retired_without_loss()
    {
        WriteLegacy();
        File.WriteAllText(_root.Layout.ProfileFile("legacy_steady_safe").Also(p => Directory.CreateDirectory(Path.GetDirectoryName(p)!)), "{\"tail_age_ms\": 500}");
        Directory.CreateDirectory(Path.Combine(_root.Path, "legacy"));
        File.WriteAllText(Path.Combine(_root.Path, "legacy", "applied_profile.json"), "older copy");
        var contents = _root.Snapshot().Values.ToHashSet();

        var done = new LegacyMigration(_root.Layout).Execute();

        Assert.Equal(4, done.Count);
        var after = _root.Snapshot();
        Assert.Subset(after.Values.ToHashSet(), contents);
        Assert.Equal(contents.Count, after.Count);
        Assert.False(File.Exists(Path.Combine(_root.Path, "steady_safe_overrides.json")));
        var imported = new ProfileStore(_root.Layout).Load("legacy_steady_safe");
        Assert.Equal(76m, imported.Parameters["min_interval_ms"]);
        Assert.True(File.Exists(_root.Layout.ProfileFile("legacy_steady_safe") + ".1.bak"));
        Assert.True(File.Exists(Path.Combine(_root.Path, "legacy", "ultra_safe_overrides.json")));
        Assert.True(File.Exists(Path.Combine(_root.Path, "legacy", "steady_overrides.json")));
        Assert.Equal("older copy", File.ReadAllText(Path.Combine(_root.Path, "legacy", "applied_profile.json.1.bak")));
    }

    [Fact]
    public void A_second_migration_finds_nothing_to_do()
    {
        WriteLegacy();
        var migration = new LegacyMigration(_root.Layout);
        migration.Execute();
        var after = _root.Snapshot();
        Assert.Empty(migration.Plan());
        Assert.Empty(migration.Execute());
        Assert.Equal(after, _root.Snapshot());
    }

    [Fact]
    public void Declined_actions_leave_their_files_in_place()
    {
        WriteLegacy();
        var done = new LegacyMigration(_root.Layout).Execute(a => a.Kind == MigrationActionKind.ImportProfile);
        Assert.Single(done);
        Assert.True(File.Exists(Path.Combine(_root.Path, "steady_overrides.json")));
        Assert.True(File.Exists(Path.Combine(_root.Path, "ultra_safe_overrides.json")));
    }
}

internal static class TestExtensions
{
    public static T Also<T>(this T value, Action<T> action)
    {
        action(value);
        return value;
    }
}
