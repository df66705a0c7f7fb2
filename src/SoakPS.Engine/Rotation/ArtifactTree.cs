using System.IO.Enumeration;

namespace SoakPS.Engine.Rotation;

internal enum TreeEntryType
{
    File,
    Directory,

    /// <summary>A symbolic link (or other reparse point): never followed, never acted upon.</summary>
    Link,
}

/// <summary>One directory entry as lstat sees it: a link is a link, whatever it points to.</summary>
/// <remarks>A class, not a struct: the framework's directory enumeration and lists come precompiled for reference types, a struct would be compiled on first use in every fresh process.</remarks>
internal sealed record TreeEntry(string Name, TreeEntryType Type, long Length, DateTimeOffset LastWriteUtc);

/// <summary>The entries of one directory, and whether it could be read at all.</summary>
internal sealed class DirectoryListing
{
    public DirectoryListing(string path, List<TreeEntry> entries, SummaryDigest summaries, string? error)
    {
        Path = path;
        Entries = entries;
        Summaries = summaries;
        Error = error;
    }

    public string Path { get; }

    /// <summary>Every entry except those in <see cref="Summaries"/>.</summary>
    public List<TreeEntry> Entries { get; }

    /// <summary>
    /// Iteration summaries, counted and reduced to the newest numbers instead of listed: a run folder may hold 100,000 of them.
    /// A summary name with leading zeros (ITER_SUMMARY_007.json) is not the one its number spells and stays in <see cref="Entries"/>.
    /// </summary>
    public SummaryDigest Summaries { get; }

    public string? Error { get; }
}

/// <summary>
/// One pass over the artifact root that rotation plans from: every directory listed once, sizes as stored, symbolic
/// links recorded but never entered, so nothing outside the root is measured or reached.
/// </summary>
internal sealed class ArtifactTree
{
    /// <summary>How rotation lists a folder, when planning and when a range of summaries reads its folder again: the same entries both times.</summary>
    internal static readonly EnumerationOptions ListingOptions = new()
    {
        RecurseSubdirectories = false,
        AttributesToSkip = 0,
        IgnoreInaccessible = false,
        ReturnSpecialDirectories = false,
    };

    private readonly Dictionary<string, DirectoryListing> _listings = new(StringComparer.Ordinal);

    private readonly int _newestSummaries;

    private ArtifactTree(string root, int newestSummaries)
    {
        Root = root;
        _newestSummaries = newestSummaries;
    }

    public string Root { get; }

    public long TotalBytes { get; private set; }

    /// <param name="newestSummaries">How many of the newest iteration numbers each folder's <see cref="SummaryDigest"/> keeps the files of.</param>
    public static ArtifactTree Scan(string root, int newestSummaries, CancellationToken cancel = default)
    {
        var tree = new ArtifactTree(root, newestSummaries);
        var pending = new Stack<string>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            cancel.ThrowIfCancellationRequested();
            var listing = tree.List(pending.Pop());
            tree._listings[listing.Path] = listing;
            foreach (var entry in listing.Entries)
            {
                if (entry.Type == TreeEntryType.Directory) pending.Push(Path.Combine(listing.Path, entry.Name));
                else if (entry.Type == TreeEntryType.File) tree.TotalBytes += entry.Length;
            }
            tree.TotalBytes += listing.Summaries.Bytes;
        }
        return tree;
    }

    /// <summary>The listing of a directory inside the root, or null when it does not exist (or is a link, never entered).</summary>
    public DirectoryListing? Listing(string directory) => _listings.GetValueOrDefault(directory);

    /// <summary>Bytes of regular files under a directory, links not followed.</summary>
    public long BytesUnder(string directory)
    {
        if (Listing(directory) is not { } listing) return 0;
        var total = listing.Summaries.Bytes;
        foreach (var entry in listing.Entries)
        {
            total += entry.Type switch
            {
                TreeEntryType.File => entry.Length,
                TreeEntryType.Directory => BytesUnder(Path.Combine(directory, entry.Name)),
                _ => 0,
            };
        }
        return total;
    }

    private DirectoryListing List(string directory)
    {
        var entries = new List<TreeEntry>();
        var summaries = new SummaryDigest(_newestSummaries);
        try
        {
            // Summaries are taken aside as they are met, so the other entries are the only ones that keep a name.
            var enumerable = new FileSystemEnumerable<TreeEntry>(directory, Describe, ListingOptions)
            {
                ShouldIncludePredicate = (ref FileSystemEntry entry) => !TakeSummary(ref entry, summaries),
            };
            entries.AddRange(enumerable);
            return new DirectoryListing(directory, entries, summaries, null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return new DirectoryListing(directory, entries, summaries, e.Message);
        }
    }

    private static bool TakeSummary(ref FileSystemEntry entry, SummaryDigest summaries)
    {
        if (!SummaryRangeRemoval.IsSummaryFile(ref entry, out var iteration, out var compressed)) return false;
        summaries.Add(iteration, compressed, entry.Length);
        return true;
    }

    private static TreeEntry Describe(ref FileSystemEntry entry)
    {
        var type = (entry.Attributes & FileAttributes.ReparsePoint) != 0 ? TreeEntryType.Link
            : entry.IsDirectory ? TreeEntryType.Directory
            : TreeEntryType.File;
        return new TreeEntry(entry.FileName.ToString(), type, type == TreeEntryType.File ? entry.Length : 0, entry.LastWriteTimeUtc);
    }
}
