using SoakPS.Engine.Parameters;
using SoakPS.Engine.Profiles;

namespace SoakPS.Output;

/// <summary>One move made by Set-SoakProfile -MigrateLegacy.</summary>
public sealed class SoakLegacyMigrationAction
{
    internal SoakLegacyMigrationAction(MigrationAction action)
    {
        Action = action.Kind;
        Source = action.Source;
        Destination = action.Destination;
        BackupPath = action.BackupPath;
        Reason = action.Reason;
    }

    public MigrationActionKind Action { get; }
    public string Source { get; }
    public string Destination { get; }
    public string? BackupPath { get; }
    public string Reason { get; }
}
