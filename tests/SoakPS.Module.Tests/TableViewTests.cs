using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;

using SoakPS.Module.Tests.EndToEnd;

namespace SoakPS.Module.Tests;

/// <summary>
/// Every table view, rendered in real pwsh through Out-String at 80 and 120 columns from objects the cmdlets wrote:
/// one line per object (nothing wrapped), no cell cut with an ellipsis, every column present, nothing wider than the
/// console. Data-driven over the views in SoakPS.format.ps1xml and the [OutputType]s of the exported cmdlets.
/// </summary>
public sealed class TableViewTests
{
    private static readonly Lazy<IReadOnlyList<Rendering>> Renderings = new(Render);

    public sealed record Rendering(string Type, int Count, int Width, string Text);

    private static IReadOnlyDictionary<string, IReadOnlyList<string>> TableViews()
    {
        var format = XDocument.Load(Path.Combine(ModuleManifest.ModuleFolder, "SoakPS.format.ps1xml"));
        return format.Descendants("View").Where(v => v.Element("TableControl") is not null).ToDictionary(
            v => v.Element("ViewSelectedBy")!.Element("TypeName")!.Value,
            v => (IReadOnlyList<string>)v.Descendants("TableColumnHeader").Select(h => h.Element("Label")?.Value ?? string.Empty).ToList());
    }

    public static TheoryData<string> ViewTypes()
    {
        var data = new TheoryData<string>();
        foreach (var type in TableViews().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(type);
        }
        return data;
    }

    [Fact]
    public void Every_output_type_of_every_exported_cmdlet_has_a_table_view()
    {
        using var session = new PowerShellSession();
        var types = session.Run("Get-Command -Module SoakPS | ForEach-Object { $_.OutputType.Name }").Output.Select(o => (string)o.BaseObject).Distinct().ToList();
        Assert.NotEmpty(types);
        var views = TableViews();
        Assert.All(types, t => Assert.True(views.ContainsKey(t), $"{t} has no table view in SoakPS.format.ps1xml"));
    }

    [Trait("Category", "Pwsh")]
    [Theory]
    [MemberData(nameof(ViewTypes))]
    public void The_table_view_keeps_every_word_whole_at_80_and_120_columns(string type)
    {
        var labels = TableViews()[type];
        var header = new Regex(@"^\s*" + string.Join(@"\s+", labels.Select(Regex.Escape)) + @"\s*$");
        var renderings = Renderings.Value.Where(r => r.Type == type).ToList();
        Assert.True(renderings.Count > 0, $"Render-TableViews.ps1 makes no {type}: add a call that writes one");
        Assert.Equal([80, 120], renderings.Select(r => r.Width).Order());
        foreach (var rendering in renderings)
        {
            var lines = rendering.Text.Replace("\r\n", "\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
            var context = $"{type} at {rendering.Width} columns:\n{rendering.Text}";
            Assert.True(lines.All(l => l.Length < rendering.Width), "a line is as wide as the console: " + context);
            Assert.True(lines.All(l => !l.Contains('…') && !l.Contains("...")), "a cell is cut: " + context);
            var headers = lines.Count(header.IsMatch);
            Assert.True(headers > 0, "the header is not one line with every column: " + context);
            var rows = lines.Where(l => !header.IsMatch(l) && !Regex.IsMatch(l, @"^[\s-]+$") && !Regex.IsMatch(l, @"^\s+\w+: \S+$")).ToList();
            Assert.True(rendering.Count == rows.Count, $"{rendering.Count} objects but {rows.Count} row lines (a cell wrapped): " + context);
        }
    }

    [Trait("Category", "Pwsh")]
    [Fact]
    public void Iterations_of_several_runs_are_grouped_under_their_run_id()
    {
        var text = Renderings.Value.Single(r => r.Type == "SoakPS.Output.SoakIteration" && r.Width == 80).Text;
        var runs = Regex.Matches(text, @"^\s+RunId: (\S+)$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(2, runs.Count);
        Assert.NotEqual(runs[0], runs[1]);
    }

    private static IReadOnlyList<Rendering> Render()
    {
        var root = Path.Combine(Path.GetTempPath(), "soakps-tables", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(root);
        try
        {
            var result = Path.Combine(root, "renderings.json");
            var run = Pwsh.RunFile(Path.Combine(PowerShellSession.RepoRoot, "tests", "SoakPS.Module.Tests", "Format", "Render-TableViews.ps1"),
                ["-ModulePath", Path.Combine(ModuleManifest.ModuleFolder, "SoakPS.psd1"), "-ArtifactPath", Path.Combine(root, "artifacts"), "-ResultPath", result]);
            Assert.True(run.ExitCode == 0, run.ToString());
            return JsonSerializer.Deserialize<List<Rendering>>(File.ReadAllText(result))!;
        }
        finally
        {
            try { Directory.Delete(root, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
