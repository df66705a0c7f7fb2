using System.Text.RegularExpressions;

namespace SoakPS.Module.Tests;

/// <summary>
/// The repository's documentation stands alone: every link in README and docs/ leads to a file that exists, every
/// docs/ page the code or tests point to exists, no page holds a control character, and nothing points outside the
/// repository for the contract.
/// </summary>
public partial class RepositoryDocsTests
{
    private static readonly string Root = PowerShellSession.RepoRoot;
    private static readonly string[] SourceFolders = ["src", "tests", "bench", "build", "examples", "module", "docs", "tools", ".github"];
    private static readonly string[] TextExtensions = [".cs", ".md", ".ps1", ".psd1", ".ps1xml", ".txt", ".yml", ".json", ".sh", ".csproj", ".props"];

    public static TheoryData<string> Pages()
    {
        var pages = new TheoryData<string>("README.md");
        foreach (var page in Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            pages.Add(Path.GetRelativePath(Root, page).Replace('\\', '/'));
        }
        return pages;
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void Every_relative_link_of_a_page_resolves(string page)
    {
        var folder = Path.GetDirectoryName(Path.Combine(Root, page))!;
        var broken = MarkdownLink().Matches(File.ReadAllText(Path.Combine(Root, page)))
            .Select(m => m.Groups["target"].Value)
            .Where(target => !target.Contains("://", StringComparison.Ordinal) && !target.StartsWith('#') && !target.StartsWith("mailto:", StringComparison.Ordinal))
            .Select(target => target.Split('#')[0])
            .Where(target => !HelpTopic().IsMatch(target))
            .Where(target => !Path.Exists(Path.Combine(folder, target)))
            .ToList();
        Assert.True(broken.Count == 0, $"{page} links to what does not exist: {string.Join(", ", broken)}");
    }

    [Theory]
    [MemberData(nameof(Pages))]
    public void A_page_holds_no_control_character(string page)
    {
        var lines = File.ReadAllLines(Path.Combine(Root, page));
        var bad = lines.Select((line, i) => (line, number: i + 1))
            .Where(l => l.line.Any(c => char.IsControl(c) && c != '\t'))
            .Select(l => $"line {l.number}: {Regex.Replace(l.line, @"\p{Cc}", m => $"\\x{(int)m.Value[0]:x2}")}")
            .ToList();
        Assert.True(bad.Count == 0, $"{page} holds control characters:\n{string.Join('\n', bad)}");
    }

    [Fact]
    public void Every_docs_page_named_in_the_repository_exists()
    {
        var missing = TextFiles()
            .SelectMany(file => DocsPath().Matches(File.ReadAllText(file)).Select(m => (file, page: m.Value)))
            .Where(hit => !File.Exists(Path.Combine(Root, hit.page)))
            .Select(hit => $"{Path.GetRelativePath(Root, hit.file)} names {hit.page}")
            .Distinct()
            .ToList();
        Assert.True(missing.Count == 0, string.Join('\n', missing));
    }

    [Fact]
    public void Nothing_points_outside_the_repository_for_the_contract()
    {
        // Built from parts so that this file does not match itself.
        string[] outside = ["../" + "shared", "SPEC" + " \u00a7", "SPEC" + ".md"];
        var hits = TextFiles().Append(Path.Combine(Root, "README.md"))
            .SelectMany(file => outside.Where(File.ReadAllText(file).Contains).Select(text => $"{Path.GetRelativePath(Root, file)}: {text}"))
            .ToList();
        Assert.True(hits.Count == 0, string.Join('\n', hits));
    }

    private static IEnumerable<string> TextFiles() => SourceFolders
        .Select(folder => Path.Combine(Root, folder))
        .Where(Directory.Exists)
        .SelectMany(folder => Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        .Where(file => TextExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase))
        .Where(file => !Path.GetRelativePath(Root, file).Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj" or "TestResults"));

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex MarkdownLink();

    /// <summary>A cmdlet help page's related link names a help topic or cmdlet (Get-Help resolves it), not a file.</summary>
    [GeneratedRegex(@"^(about_[A-Za-z_]+|[A-Z][a-z]+-[A-Za-z]+)$")]
    private static partial Regex HelpTopic();

    [GeneratedRegex(@"(?<![\w/.-])docs/[A-Za-z0-9_./-]+\.md")]
    private static partial Regex DocsPath();
}
