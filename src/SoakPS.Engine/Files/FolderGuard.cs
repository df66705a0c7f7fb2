namespace SoakPS.Engine.Files;

/// <summary>
/// Rotation acts on the folders it planned for: one that has become a symbolic link since (a run folder, snapshots/)
/// is never followed, or removing and compressing through it would reach whatever it points at, outside the root.
/// </summary>
internal static class FolderGuard
{
    public static void ThrowIfLink(string folder)
    {
        if (new DirectoryInfo(folder).LinkTarget is not null)
        {
            throw new SoakException("RotationTargetChanged", SoakErrorKind.InvalidOperation, $"'{folder}' is a symbolic link; it is not followed.", folder);
        }
    }
}
