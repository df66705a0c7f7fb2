namespace SoakPS.Engine.Files;

/// <summary>
/// Keeps a bad file next to where it was (renamed with a timestamp, never deleted) so nothing is lost when it is
/// replaced. A symbolic link is moved as itself, never the file it points to.
/// </summary>
internal static class SetAside
{
    /// <returns>The new path, or null when there was nothing to move.</returns>
    public static string? Move(string path, DateTimeOffset now)
    {
        var found = FileIdentity.Of(path);
        if (found.Kind == FileKindValue.Missing)
        {
            return null;
        }
        var target = $"{path}.invalid-{now:yyyyMMddTHHmmssfff}";
        for (var i = 2; File.Exists(target) || Directory.Exists(target); i++)
        {
            target = $"{path}.invalid-{now:yyyyMMddTHHmmssfff}-{i}";
        }
        if (found.Kind == FileKindValue.Directory)
        {
            Directory.Move(path, target);
        }
        else
        {
            File.Move(path, target);
        }
        return target;
    }
}
