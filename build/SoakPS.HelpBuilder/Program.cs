using System.Text;
using SoakPS.HelpBuilder;

// Usage: SoakPS.HelpBuilder <docs/en-US folder> <output SoakPS.dll-Help.xml>
if (args.Length != 2)
{
    Console.Error.WriteLine("usage: SoakPS.HelpBuilder <markdown-folder> <output-maml-file>");
    return 2;
}

var (source, target) = (args[0], args[1]);
var pages = new List<HelpPage>();
var failed = false;
IEnumerable<string> files = Directory.Exists(source)
    ? Directory.GetFiles(source, "*.md").Where(f => !Path.GetFileName(f).StartsWith("about_", StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal)
    : Enumerable.Empty<string>();
foreach (var file in files)
{
    try
    {
        pages.Add(MarkdownHelpParser.Parse(File.ReadAllText(file), message => Console.WriteLine($"{file}: warning HELP001: {message}")));
    }
    catch (FormatException e)
    {
        // MSBuild's canonical error format, so the build fails pointing at the page.
        Console.WriteLine($"{file}(1): error HELP002: {e.Message}");
        failed = true;
    }
}
if (failed)
{
    return 1;
}

Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(target))!);
var temp = target + ".tmp";
using (var writer = new StreamWriter(temp, append: false, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)))
{
    MamlWriter.Write(pages).Save(writer);
}
File.Move(temp, target, overwrite: true);
Console.WriteLine($"SoakPS.HelpBuilder: {pages.Count} help page(s) -> {target}");
return 0;
