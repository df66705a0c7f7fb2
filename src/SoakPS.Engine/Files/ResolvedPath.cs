namespace SoakPS.Engine.Files;

/// <summary>
/// Where a path really leads, the way the OS walks it: each symbolic link replaced by its target, then ".." taken
/// from the folder the link led to (not from the text). The part that does not exist yet is kept as written. Used to
/// see what an output path would write before anything is written.
/// </summary>
internal static class ResolvedPath
{
    private const int MaxLinks = 40;

    public static string Of(string path)
    {
        // Not Path.GetFullPath: it would take "link/.." from the text, where the OS goes to the parent of the link's target.
        var full = Path.IsPathFullyQualified(path) ? path : Path.Combine(Directory.GetCurrentDirectory(), path);
        var root = Path.GetPathRoot(full)!;
        var pending = new Stack<string>(Split(full[root.Length..]).Reverse());
        var current = root;
        var links = 0;
        var missing = false;
        while (pending.TryPop(out var part))
        {
            if (part == ".") continue;
            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? current;
                continue;
            }
            var next = Path.Combine(current, part);
            var target = missing ? null : LinkTarget(next);
            if (target is null)
            {
                missing = missing || !Path.Exists(next);
                current = next;
                continue;
            }
            if (++links > MaxLinks)
            {
                throw new SoakException("OutputPathUnresolvable", SoakErrorKind.InvalidArgument, $"'{path}' goes through more than {MaxLinks} symbolic links (a loop).", path);
            }
            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target)!;
                target = target[current.Length..];
            }
            foreach (var linked in Split(target).Reverse())
            {
                pending.Push(linked);
            }
        }
        return current;
    }

    private static IEnumerable<string> Split(string relative) =>
        relative.Split(new[] { Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar }, StringSplitOptions.RemoveEmptyEntries);

    private static string? LinkTarget(string path)
    {
        try
        {
            return new FileInfo(path).LinkTarget;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
