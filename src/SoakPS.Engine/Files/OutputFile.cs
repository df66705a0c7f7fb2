namespace SoakPS.Engine.Files;

/// <summary>
/// A file a user names for SoakPS to write (the HTML report, the metrics textfile). Checked once, before anything is
/// written, where it really leads (through links and ".."): it must not be a file the engine owns in any artifact
/// root (the live parameter file, a run's files, the locks), must not be a device, pipe or socket (an atomic replace
/// would put a regular file there), and replaces a read-only file only when the user forces it.
/// </summary>
internal static class OutputFile
{
    /// <returns>The resolved path to write: the file the checks were made on.</returns>
    /// <exception cref="SoakException">
    /// OutputPathReserved, OutputPathNotAFile, <paramref name="directoryErrorId"/>, OutputFileReadOnly (without
    /// <paramref name="force"/>), OutputPathUnresolvable.
    /// </exception>
    public static string Check(string path, string what, string directoryErrorId, ArtifactLayout? layout, bool force)
    {
        var resolved = ResolvedPath.Of(path);
        if (OwnedBy(resolved, layout) is { } root)
        {
            throw new SoakException("OutputPathReserved", SoakErrorKind.InvalidArgument,
                $"The {what} '{path}' leads to '{resolved}', a file SoakPS keeps in the artifact root '{root}'; writing it would replace the run's own data. Name a file outside that root's reserved names ({string.Join(", ", ArtifactLayout.ReservedNames)}).", path);
        }
        switch (FileKind.Of(resolved))
        {
            case FileKindValue.Directory:
                throw new SoakException(directoryErrorId, SoakErrorKind.InvalidArgument, $"The {what} '{path}' is a folder; name a file in it.", path);
            case FileKindValue.Other:
                throw new SoakException("OutputPathNotAFile", SoakErrorKind.InvalidArgument,
                    $"The {what} '{path}' is a device, pipe or socket, not a file; writing it would replace it. Name a regular file.", path);
            case FileKindValue.RegularFile when !force && File.GetAttributes(resolved).HasFlag(FileAttributes.ReadOnly):
                throw new SoakException("OutputFileReadOnly", SoakErrorKind.InvalidOperation,
                    $"The {what} '{path}' is read-only; it is replaced only when forced.", path);
        }
        return resolved;
    }

    /// <summary>The artifact root whose reserved name <paramref name="resolved"/> falls under, or null.</summary>
    private static string? OwnedBy(string resolved, ArtifactLayout? layout)
    {
        var known = layout is null ? null : ResolvedPath.Of(layout.Root);
        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        for (var child = resolved; Path.GetDirectoryName(child) is { } folder; child = folder)
        {
            var isRoot = string.Equals(folder, known, comparison) || ArtifactLayout.LooksLikeRoot(folder);
            if (isRoot && ArtifactLayout.IsReservedName(Path.GetFileName(child)))
            {
                return folder;
            }
        }
        return null;
    }
}
