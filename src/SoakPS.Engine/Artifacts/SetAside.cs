namespace SoakPS.Engine.Artifacts;

/// <summary>Keeps a bad file next to where it was (renamed with a timestamp, never deleted) so nothing is lost when it is replaced.</summary>
public static class SetAside
{
    /// <returns>The new path, or null when there was nothing to move.</returns>
    public static string? Move(string path, DateTimeOffset now)
    {
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            return null;
        }
        var target = $"{path}.invalid-{now:yyyyMMddTHHmmssfff}";
        for (var i = 2; File.Exists(target) || Directory.Exists(target); i++)
        {
            target = $"{path}.invalid-{now:yyyyMMddTHHmmssfff}-{i}";
        }
        if (Directory.Exists(path))
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
