
namespace SoakPS.Engine.Files;

/// <summary>Removes a directory tree with lstat semantics: a link inside is removed as a link, never followed.</summary>
internal static class TreeRemoval
{
    public static void Remove(string directory)
    {
        FolderGuard.ThrowIfLink(directory);
        RemoveContents(new DirectoryInfo(directory));
    }

    private static void RemoveContents(DirectoryInfo directory)
    {
        foreach (var entry in directory.EnumerateFileSystemInfos("*", new EnumerationOptions { AttributesToSkip = 0, IgnoreInaccessible = false }))
        {
            if (entry is DirectoryInfo sub && entry.LinkTarget is null && (entry.Attributes & FileAttributes.ReparsePoint) == 0)
            {
                RemoveContents(sub);
            }
            else
            {
                // A file, or a link of any kind: unlink the entry itself.
                ArtifactFileSystem.Current.DeleteFile(entry.FullName);
            }
        }
        ArtifactFileSystem.Current.DeleteEmptyDirectory(directory.FullName);
    }
}
