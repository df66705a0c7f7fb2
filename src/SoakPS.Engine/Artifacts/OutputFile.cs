namespace SoakPS.Engine.Artifacts;

/// <summary>
/// A file a user names for SoakPS to write (the HTML report, the metrics textfile). It is written by atomic replace,
/// which would put a regular file where a device, pipe or socket was (as root, even /dev/full) — so those are refused.
/// </summary>
public static class OutputFile
{
    /// <exception cref="SoakException">OutputPathNotAFile when <paramref name="path"/> is a device, pipe or socket.</exception>
    public static void RequireReplaceable(string path, string what)
    {
        if (FileKind.Of(path) == FileKindValue.Other)
        {
            throw new SoakException("OutputPathNotAFile", SoakErrorKind.InvalidArgument,
                $"The {what} '{path}' is a device, pipe or socket, not a file; writing it would replace it. Name a regular file.", path);
        }
    }
}
